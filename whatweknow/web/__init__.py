"""The web page and JSON API over a store (`whatweknow serve`): read-only, server-rendered,
no JavaScript, nothing fetched from the network."""
