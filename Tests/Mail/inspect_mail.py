#!/usr/bin/env python3
"""Parses each FOLDER/*.eml with Python's email package and prints one JSON object per message
(a JSON list): decoded headers, the parts' content types, both bodies decoded, and the checks of
the wire format (CRLF line ends, longest line, 7-bit). inspect_mail.py FOLDER"""
import email
import email.policy
import email.utils
import glob
import json
import os
import sys

messages = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda p: os.path.basename(p)):
    raw = open(path, "rb").read()
    lines = raw.split(b"\n")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [part for part in message.walk() if not part.is_multipart()]
    bodies = {part.get_content_type(): part.get_content() for part in parts}
    meta_path = path[:-4] + ".json"
    meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
    date = message["Date"]
    messages.append({
        "file": os.path.basename(path),
        "from": str(message["From"]),
        "from_name": message["From"].addresses[0].display_name,
        "from_address": message["From"].addresses[0].addr_spec,
        "reply_to": str(message["Reply-To"]) if message["Reply-To"] else None,
        "to": message["To"].addresses[0].addr_spec,
        "to_name": message["To"].addresses[0].display_name,
        "subject": str(message["Subject"]),
        "date_parsed": email.utils.parsedate_to_datetime(date) is not None if date else False,
        "message_id": str(message["Message-ID"] or ""),
        "content_type": message.get_content_type(),
        "part_types": [part.get_content_type() for part in parts],
        "text": bodies.get("text/plain", ""),
        "html": bodies.get("text/html", ""),
        "crlf": all(line.endswith(b"\r") for line in lines[:-1]) and lines[-1] == b"",
        "longest_line": max(len(line.rstrip(b"\r")) for line in lines),
        "seven_bit": all(byte < 128 for byte in raw),
        "defects": [str(d) for d in message.defects] + [str(d) for p in parts for d in p.defects],
        "envelope": meta,
    })
print(json.dumps(messages))
