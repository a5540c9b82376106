"""Readout: the Streamlit entry point (page config, navigation, shared sidebar)."""

from pathlib import Path

import streamlit as st

from components import filters, layout, runlog, state

# The icon is a file of ours: a Material icon as favicon is fetched from fonts.gstatic.com,
# telling a third party each time someone opens the app.
ICON = Path(__file__).parent / "components" / "static" / "readout-icon.png"
st.set_page_config(page_title="Readout", page_icon=str(ICON), layout="wide")
with runlog.timed_run():
    state.init_from_url()
    page = st.navigation(layout.pages())
    corpus = layout.corpus()
    filters.clean(corpus)
    state.enter_page(page.url_path)
    state.write_url(state.current_filters())
    page.run()
    # The sidebar goes after the page so the page's first chart reaches the browser first;
    # widget values are already in the session when the page reads them.
    layout.sidebar(corpus)
