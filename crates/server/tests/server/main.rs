//! The server's one integration-test binary: the JSON API through the router ([`api`]) and the
//! dashboard in a real headless Chromium ([`browser`]).

mod api;
mod browser;
mod common;
