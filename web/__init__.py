"""The careers-page chat: static page and widget (web/static/) and the server that serves them (page_server)."""
