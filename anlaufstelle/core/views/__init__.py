"""Views of core: public pages, staff login with second factor, staff area."""
