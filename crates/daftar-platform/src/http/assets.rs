//! Every asset the pages use, embedded in the binary: a district office with no internet
//! still gets the whole application.

use axum::{
    extract::Path,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::error::Error;

const CSS: &str = include_str!("../../assets/daftar.css");
const HTMX: &[u8] = include_bytes!(concat!(
    env!("DAFTAR_WEB_MODULES"),
    "/htmx.org/dist/htmx.min.js"
));
const NASTALIQ_400: &[u8] = include_bytes!(concat!(
    env!("DAFTAR_WEB_MODULES"),
    "/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2"
));
const NASTALIQ_700: &[u8] = include_bytes!(concat!(
    env!("DAFTAR_WEB_MODULES"),
    "/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-700-normal.woff2"
));

/// `GET /assets/{name}`.
pub async fn serve(Path(name): Path<String>) -> Result<Response, Error> {
    let (body, kind): (&'static [u8], &'static str) = match name.as_str() {
        "daftar.css" => (CSS.as_bytes(), "text/css; charset=utf-8"),
        "htmx.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "nastaliq-400.woff2" => (NASTALIQ_400, "font/woff2"),
        "nastaliq-700.woff2" => (NASTALIQ_700, "font/woff2"),
        _ => return Err(Error::NotFound),
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(res)
}
