//! A room's answers to its connections: joining a seat, and each frame a
//! seat sends. Nothing a client sends can stop the room: a frame out of
//! place closes that client's connection, never the room.

use super::room::{Conn, ConnId, OutTx, Room, RoomMsg};
use crate::net::proto::{ClientFrame, ErrorCode, RefusalCode, Resume, Seat, ServerFrame};

impl Room {
    pub(super) fn handle(&mut self, msg: RoomMsg) {
        match msg {
            RoomMsg::Join {
                conn,
                seat,
                headless,
                resume,
                out,
            } => self.join(conn, &seat, headless, resume, out),
            RoomMsg::Frame { conn, frame } => {
                if let Some(i) = self.seat_of(conn) {
                    self.frame(i, conn, frame);
                }
            }
            RoomMsg::Left { conn } => {
                if let Some(i) = self.seat_of(conn) {
                    self.seats[i].conn = None;
                    eprintln!("hotline serve: seat {} left", self.seats[i].seat.name());
                    if self.ended_sent && self.seats.iter().all(|s| s.conn.is_none()) {
                        self.finished = true;
                    }
                }
            }
            RoomMsg::Shutdown => {}
        }
    }

    fn seat_of(&self, conn: ConnId) -> Option<usize> {
        self.seats
            .iter()
            .position(|s| s.conn.as_ref().is_some_and(|c| c.id == conn))
    }

    fn join(
        &mut self,
        conn: ConnId,
        seat: &Seat,
        headless: bool,
        resume: Option<Resume>,
        out: OutTx,
    ) {
        let refuse = |code, message: &str| {
            let f = ServerFrame::Error {
                code,
                message: message.into(),
            };
            out.text(f.to_json());
            out.close();
        };
        let Some(i) = self.seats.iter().position(|s| &s.seat == seat) else {
            return refuse(ErrorCode::WrongCode, "this code opens no seat here");
        };
        let have = match &resume {
            Some(r) if r.token != self.seats[i].token => {
                return refuse(
                    ErrorCode::StaleToken,
                    "this resume token is not the seat's: join afresh",
                );
            }
            Some(r) if r.have > self.seats[i].stream.len() => {
                // The stream is computed now, so compare after catching up.
                self.seats[i].stream.next(&self.session.engine);
                if r.have > self.seats[i].stream.len() {
                    return refuse(
                        ErrorCode::StaleToken,
                        "the client holds events this exercise never had: join afresh",
                    );
                }
                r.have
            }
            Some(r) => r.have,
            None => 0,
        };
        // Whatever is pending for the other seats goes out first, so this
        // seat's backlog and their streams stay in step.
        self.flush();
        let s = &mut self.seats[i];
        if let Some(old) = s.conn.take() {
            let f = ServerFrame::Error {
                code: ErrorCode::Replaced,
                message: "this seat was joined from another connection".into(),
            };
            old.out.text(f.to_json());
            old.out.close();
        }
        s.conn = Some(Conn { id: conn, out });
        s.headless = headless;
        s.wait = None;
        s.acting = false;
        let name = s.seat.name().to_string();
        eprintln!(
            "hotline serve: seat {name} joined{}",
            if resume.is_some() { " (resumed)" } else { "" }
        );
        if self.joined.insert(name) {
            self.persist();
        }
        self.seats[i].send(&self.welcome(i));
        let e = &self.session.engine;
        let s = &mut self.seats[i];
        let b = s.stream.backlog(e, have).unwrap_or_default();
        let fac = s.seat == Seat::Facilitator;
        let records = if fac {
            self.session.records.clone()
        } else {
            Vec::new()
        };
        s.records_sent = records.len();
        s.send(&ServerFrame::Events {
            from: b.from,
            events: b.events,
            messages: b.messages,
            reveal: b.reveal,
            records,
            records_from: 0,
        });
        if self.ended_sent {
            self.seats[i].send(&self.end_frame());
        }
        if fac {
            self.send_codes();
        }
        self.maybe_autostart();
    }

    fn frame(&mut self, i: usize, conn: ConnId, frame: ClientFrame) {
        let fac = self.seats[i].seat == Seat::Facilitator;
        match frame {
            ClientFrame::Act { req, action } => {
                let s = &mut self.seats[i];
                if req <= s.last_req {
                    s.send(&ServerFrame::Refused {
                        req,
                        code: RefusalCode::Duplicate,
                        reason: format!("request {req} was already made"),
                    });
                    return;
                }
                s.last_req = req;
                let name = s.seat.name().to_string();
                self.trace(|| format!("{name} #{req} {action:?}"));
                let reply = match self.submit(i, req, action.clone()) {
                    Ok(()) => ServerFrame::Accepted { req },
                    Err(refusal) => {
                        if let ServerFrame::Refused { reason, .. } = &refusal {
                            eprintln!("hotline serve: refused {name} #{req} {action:?}: {reason}");
                        }
                        refusal
                    }
                };
                self.seats[i].send(&reply);
                self.maybe_autostart();
            }
            ClientFrame::Wait { at, rank } => {
                self.trace(|| format!("{} waits for {at:?}/{rank}", self.seats[i].seat.name()));
                let s = &mut self.seats[i];
                s.wait = Some(at.map(|a| (a, rank)));
                s.acting = false;
            }
            ClientFrame::Start if fac => {
                self.start();
            }
            ClientFrame::Reissue { seat } if fac => {
                match self.seats.iter().position(|s| s.seat.name() == seat) {
                    Some(j) => self.reissue(j, conn),
                    None => self.seats[i].send(&ServerFrame::Refused {
                        req: 0,
                        code: RefusalCode::NotAllowed,
                        reason: format!("there is no seat `{seat}`"),
                    }),
                }
            }
            ClientFrame::Start | ClientFrame::Reissue { .. } => {
                let name = self.seats[i].seat.name().to_string();
                eprintln!("hotline serve: refused {name}: start or reissue");
                self.seats[i].send(&ServerFrame::Refused {
                    req: 0,
                    code: RefusalCode::NotAllowed,
                    reason: "only the facilitator can start the exercise or reissue a code".into(),
                });
            }
            ClientFrame::Bye => {
                let s = &mut self.seats[i];
                let name = s.seat.name().to_string();
                if let Some(c) = s.conn.take() {
                    c.out.close();
                }
                if self.joined.remove(&name) {
                    self.persist();
                }
                if self.ended_sent && self.seats.iter().all(|s| s.conn.is_none()) {
                    self.finished = true;
                }
            }
            ClientFrame::Hello { .. } => {
                let s = &mut self.seats[i];
                s.send(&ServerFrame::Error {
                    code: ErrorCode::BadFrame,
                    message: "hello twice on one connection".into(),
                });
                if let Some(c) = s.conn.take() {
                    c.out.close();
                }
            }
        }
    }

    pub(super) fn start(&mut self) {
        if !self.started {
            let who: Vec<&str> = self
                .seats
                .iter()
                .filter(|s| s.conn.is_some())
                .map(|s| s.seat.name())
                .collect();
            self.trace(|| format!("start with {who:?} joined {:?}", self.joined));
            self.started = true;
            eprintln!("hotline serve: the exercise starts");
            self.persist();
        }
    }

    /// With `--autostart`, the clock starts once every team is played: by
    /// a connected seat or by a computer persona.
    fn maybe_autostart(&mut self) {
        if !self.autostart || self.started {
            return;
        }
        let personas = &self.session.engine.state().personas;
        let all = self
            .seats
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s.seat, Seat::Team(_)))
            .all(|(t, s)| s.conn.is_some() || personas.get(t).is_some_and(Option::is_some));
        if all {
            self.start();
        }
    }
}
