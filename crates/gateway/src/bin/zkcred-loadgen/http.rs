//! A small HTTP/1.1 client with a connection pool (hyper), for the load generator's posts.

use crate::Error;
use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE};
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// The client (clones share the pool).
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Http {
    /// A client whose pool keeps enough idle connections for 64 concurrent posters.
    pub fn new() -> Self {
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(256)
            .build_http();
        Self { client }
    }

    /// Sends `body` (JSON, if any) to `url`, as `bearer` if given; the status and the body.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        bearer: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Result<(u16, Bytes), Error> {
        let mut request = Request::builder().method(method).uri(url);
        if let Some(key) = bearer {
            request = request.header(AUTHORIZATION, format!("Bearer {key}"));
        }
        if body.is_some() {
            request = request.header(CONTENT_TYPE, "application/json");
        }
        let request = request.body(Full::new(Bytes::from(body.unwrap_or_default())))?;
        let response = self.client.request(request).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }

    /// `GET url` (as `bearer`), expecting 2xx and JSON.
    pub async fn get_json(
        &self,
        url: &str,
        bearer: Option<&str>,
    ) -> Result<serde_json::Value, Error> {
        let (status, body) = self.send(Method::GET, url, bearer, None).await?;
        expect_success(status, &body, url)?;
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET url`, expecting 2xx; the body as text.
    pub async fn get_text(&self, url: &str) -> Result<String, Error> {
        let (status, body) = self.send(Method::GET, url, None, None).await?;
        expect_success(status, &body, url)?;
        Ok(String::from_utf8(body.to_vec())?)
    }

    /// `POST url` of `value` as `bearer`, expecting 2xx and JSON.
    pub async fn post_json(
        &self,
        url: &str,
        bearer: &str,
        value: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        let body = serde_json::to_vec(value)?;
        let (status, body) = self
            .send(Method::POST, url, Some(bearer), Some(body))
            .await?;
        expect_success(status, &body, url)?;
        Ok(serde_json::from_slice(&body)?)
    }
}

fn expect_success(status: u16, body: &[u8], url: &str) -> Result<(), Error> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(300)]);
    Err(format!("{url}: HTTP {status}: {text}").into())
}
