//! The server's one integration-test binary: the JSON API through the router ([`api`]), the
//! evidence routes ([`evidence`]) and the dashboard in a real headless Chromium ([`browser`]).

mod api;
mod browser;
mod common;
mod evidence;
mod view;
