//! The integration suite: the real application (`build_app`, as `daftar serve` builds
//! it) on a real HTTP server, against a fresh database per test. Every test runs on
//! SQLite, and also on PostgreSQL when `DAFTAR_TEST_DATABASE_URL` is set.

mod api;
mod audit;
mod auth;
mod browser;
mod cli;
mod db;
mod db_cache;
mod db_restart;
mod db_write;
mod filing;
mod filing_pages;
mod harness;
mod i18n;
mod import;
mod khidmat;
mod khidmat_ops;
mod khidmat_pages;
mod linkage;
mod mdm;
mod packs;
mod pages;
mod persons;
mod tenancy;
