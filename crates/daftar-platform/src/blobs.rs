//! The content-addressed blob store for uploaded documents and scans: `data/blobs/ab/abcdef...`
//! by sha256, written to a temporary file, fsynced, renamed into place and the folder
//! fsynced, all before the database row that names it commits.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// Largest document accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The kinds of file accepted, by declared type and by what the bytes start with.
pub fn sniff(content_type: &str, bytes: &[u8]) -> Option<&'static str> {
    let declared = content_type.split(';').next().unwrap_or("").trim();
    let actual = if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return None;
    };
    (declared == actual || declared == "application/octet-stream" || declared.is_empty())
        .then_some(actual)
}

fn blob_path(root: &Path, sha: &str) -> PathBuf {
    root.join("blobs").join(&sha[..2]).join(sha)
}

fn io(e: std::io::Error) -> Error {
    Error::Internal(format!("blob store: {e}"))
}

/// Stores `bytes` durably; returns their sha256 (hex).
pub async fn put(data_dir: &Path, bytes: Vec<u8>) -> Result<String> {
    let root = data_dir.to_owned();
    tokio::task::spawn_blocking(move || {
        let sha = hex::encode(Sha256::digest(&bytes));
        let path = blob_path(&root, &sha);
        if path.exists() {
            return Ok(sha);
        }
        let dir = path
            .parent()
            .ok_or_else(|| Error::Internal("blob path".into()))?;
        std::fs::create_dir_all(dir).map_err(io)?;
        let tmp = dir.join(format!(".{sha}.{}", std::process::id()));
        {
            let mut f = std::fs::File::create(&tmp).map_err(io)?;
            f.write_all(&bytes).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &path).map_err(io)?;
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
        Ok(sha)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

/// Reads a stored blob back.
pub async fn get(data_dir: &Path, sha: &str) -> Result<Vec<u8>> {
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    tokio::fs::read(blob_path(data_dir, sha))
        .await
        .map_err(|_| Error::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_type_must_match_the_bytes() {
        assert_eq!(
            sniff("application/pdf", b"%PDF-1.7 ..."),
            Some("application/pdf")
        );
        assert_eq!(sniff("image/png", b"%PDF-1.7"), None);
        assert_eq!(
            sniff("image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff("text/plain", b"hello"), None);
        assert_eq!(
            sniff("application/octet-stream", b"\x89PNG\r\n\x1a\n.."),
            Some("image/png")
        );
    }
}
