//! One WebSocket connection: the hello that binds it to a seat, then
//! frames in both directions. Anything that is not a frame of the protocol
//! closes this connection; the room never sees it.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::hub::{Hub, lock};
use super::room::{Outbox, RoomMsg};
use crate::net::proto::{ClientFrame, ErrorCode, MAX_CLIENT_FRAME, PROTOCOL, ServerFrame};

/// A connection that says nothing is closed after this long.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// A client that takes longer than this to take one frame is not reading.
const STALLED: Duration = Duration::from_secs(10);

pub async fn upgrade(
    ws: WebSocketUpgrade,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    State(hub): State<Arc<Hub>>,
) -> Response {
    ws.max_message_size(MAX_CLIENT_FRAME)
        .max_frame_size(MAX_CLIENT_FRAME)
        .on_upgrade(move |socket| connection(socket, addr.ip(), hub))
}

fn error(code: ErrorCode, message: &str) -> Message {
    let f = ServerFrame::Error {
        code,
        message: message.into(),
    };
    Message::Text(f.to_json().into())
}

/// A client frame from a WebSocket message, or why it is not one.
fn parse(msg: &Message) -> Result<Option<ClientFrame>, String> {
    match msg {
        Message::Text(t) => serde_json::from_str(t.as_str())
            .map(Some)
            .map_err(|e| format!("not a frame: {e}")),
        Message::Binary(_) => Err("frames are JSON text, not binary".into()),
        _ => Ok(None),
    }
}

async fn connection(socket: WebSocket, ip: IpAddr, hub: Arc<Hub>) {
    let (mut sink, mut stream) = socket.split();
    let hello = match tokio::time::timeout(HELLO_WITHIN, stream.next()).await {
        Ok(Some(Ok(m))) => parse(&m),
        _ => Err("no hello".into()),
    };
    let (code, headless, resume) = match hello {
        Ok(Some(ClientFrame::Hello {
            protocol,
            code,
            headless,
            resume,
        })) => {
            if protocol != PROTOCOL {
                let msg = format!("this server speaks protocol {PROTOCOL}, not {protocol}");
                let _ = sink.send(error(ErrorCode::Version, &msg)).await;
                return;
            }
            (code, headless, resume)
        }
        Ok(_) => {
            let _ = sink
                .send(error(
                    ErrorCode::BadFrame,
                    "the first frame must be a hello",
                ))
                .await;
            return;
        }
        Err(why) => {
            let _ = sink.send(error(ErrorCode::BadFrame, &why)).await;
            return;
        }
    };
    let Some((room, seat)) = hub.lookup(&code) else {
        let wait = lock(&hub.throttle).fail(ip, Instant::now());
        eprintln!("hotline serve: wrong code from {ip}");
        tokio::time::sleep(wait).await;
        let _ = sink
            .send(error(
                ErrorCode::WrongCode,
                "no seat has this code: check it with your facilitator",
            ))
            .await;
        return;
    };
    let conn = hub.next_conn();
    let (out, mut out_rx) = Outbox::new();
    let join = RoomMsg::Join {
        conn,
        seat,
        headless,
        resume,
        out: out.clone(),
    };
    if room.send(join).is_err() {
        let _ = sink
            .send(error(ErrorCode::ServerClosing, "this exercise is closed"))
            .await;
        return;
    }
    let outbox = out.clone();
    let mut writer = tokio::spawn(async move {
        // A frame that cannot be written for this long has a client that
        // does not read: the connection ends.
        let send = async |sink: &mut futures_util::stream::SplitSink<WebSocket, Message>,
                          t: String| {
            let r = tokio::time::timeout(STALLED, sink.send(Message::Text(t.into()))).await;
            matches!(r, Ok(Ok(())))
        };
        loop {
            let t = tokio::select! {
                t = out_rx.recv() => t,
                _ = outbox.closed() => {
                    // What was queued before the close still goes out.
                    while let Ok(t) = out_rx.try_recv() {
                        if !send(&mut sink, t).await {
                            break;
                        }
                    }
                    None
                }
            };
            let Some(t) = t else { break };
            if !send(&mut sink, t).await {
                break;
            }
        }
        let _ = tokio::time::timeout(STALLED, sink.close()).await;
    });
    let reader = async {
        while let Some(msg) = stream.next().await {
            let Ok(msg) = msg else { break };
            if matches!(msg, Message::Close(_)) {
                break;
            }
            match parse(&msg) {
                Ok(Some(frame)) => {
                    if room.send(RoomMsg::Frame { conn, frame }).is_err() {
                        break;
                    }
                }
                Ok(None) => {}
                Err(why) => {
                    let f = ServerFrame::Error {
                        code: ErrorCode::BadFrame,
                        message: why,
                    };
                    out.text(f.to_json());
                    out.close();
                    break;
                }
            }
        }
    };
    tokio::select! {
        _ = &mut writer => {}
        _ = reader => {
            // Let the writer send what is queued (an error frame), briefly.
            let _ = room.send(RoomMsg::Left { conn });
            drop(out);
            let _ = tokio::time::timeout(Duration::from_secs(2), &mut writer).await;
            writer.abort();
            return;
        }
    }
    let _ = room.send(RoomMsg::Left { conn });
}
