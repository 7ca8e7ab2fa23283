#!/usr/bin/env python3
"""A small chat front end for Responder, using only Python's standard library (3.9+).

It spawns ``responder serve`` and speaks JSON-RPC 2.0 to it, one JSON message per line
(see docs/protocol.md). Two modes:

* customer (the default): type messages and read the bot's answers; a clarification's options
  are numbered, and typing a number picks one; ``/rate N`` rates the conversation and
  ``/quit`` ends it.
* agent (``--agent NAME``): work the queue of work orders with ``list``, ``show`` (the work
  order and its conversation), ``take``, ``reply``, ``resolve``, ``reopen``, ``report`` and
  ``quit``.

Input is read line by line, so a session can be scripted::

    printf 'I forgot my password\\n/quit\\n' | python3 examples/chat.py --kb knowledgebase
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import uuid

# ------------------------------------------------------------------------------------------
# The JSON-RPC client
# ------------------------------------------------------------------------------------------


class RPCError(Exception):
    """An error response from the server: its code, message and optional data."""

    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


class ServerGone(Exception):
    """The server stopped answering (it exited, or wrote something unexpected)."""


class ResponderClient:
    """A JSON-RPC 2.0 client for ``responder serve`` running as a child process.

    Each request gets the next id (1, 2, 3…) and is written as one line; the server answers
    in request order, one line per call. This client has one request in flight at a time, so
    the next line read is the answer. The server's log (its stderr) goes to our stderr.
    """

    def __init__(self, command):
        """Starts ``command``: the binary, ``serve`` and its options."""
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # A session of its own, so that Ctrl-C at a terminal interrupts this program only;
            # the server is then ended cleanly by close().
            start_new_session=True,
        )
        self.next_id = 1

    def call(self, method, params=None):
        """Sends a request and returns its result; raises RPCError for an error response."""
        request_id = self.next_id
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            request["params"] = params
        self._send(request)
        response = self._receive()
        # An error with id null answers a line the server could not read as a request (too
        # long, not JSON); with one request in flight, it is about this one.
        if response.get("id") not in (request_id, None):
            raise ServerGone(f"expected the answer to request {request_id}, got {response!r}")
        if "error" in response:
            error = response["error"]
            raise RPCError(error["code"], error["message"], error.get("data"))
        return response["result"]

    def close(self, timeout=10):
        """Ends the server: closes its input (it answers what it has read and exits 0), waits."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # SIGTERM ends it the same way, without reading more.
            return self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _send(self, message):
        line = json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self.process.stdin.write(line.encode("utf-8", errors="replace"))
            self.process.stdin.flush()
        except BrokenPipeError:
            raise ServerGone("the server is not running") from None

    def _receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise ServerGone("the server closed its output")
        return json.loads(line.decode("utf-8"))


# ------------------------------------------------------------------------------------------
# Input and output
# ------------------------------------------------------------------------------------------


def read_lines(prompt):
    """Yields the non-blank lines typed, until end of input.

    At a terminal it prompts; otherwise (a pipe, a script) it echoes each line after the
    prompt, so that the output reads as a transcript.
    """
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            try:
                line = input(prompt)
            except EOFError:
                print()
                return
        else:
            line = sys.stdin.readline()
            if not line:
                return
            line = line.rstrip("\r\n")
            say(prompt + line)
        line = line.strip()
        if line:
            yield line


def say(text):
    """Prints a line at once, so that it is not held back behind the server's stderr."""
    print(text, flush=True)


# ------------------------------------------------------------------------------------------
# Customer mode
# ------------------------------------------------------------------------------------------


def describe_reply(reply):
    """The lines a customer sees for the result of ``message``.

    The conversation is kept by the engine: a number typed after a clarification is sent as
    typed, and the engine answers it with that option's entry (``picked``). While a person has
    the conversation, a message joins their work order (``handoff``) and the bot only
    acknowledges it, or says nothing when the knowledge base sends no acknowledgement.
    """
    lines = []
    if reply["decision"] == "answer":
        lines.append(f"Bot: {reply['answer']}")
    elif reply["decision"] == "clarify":
        lines.append("Bot: Did you mean one of these? (type its number)")
        for number, option in enumerate(reply["options"], start=1):
            lines.append(f"  {number}. {option['question']}")
    elif reply["decision"] == "handoff" and reply.get("acknowledgement"):
        lines.append(f"Bot: {reply['acknowledgement']}")
    if reply["work_order"] and reply.get("handoff_reason") != "open_work_order":
        # An escalation, a handoff, or an answer or a clarification that a person follows up
        # (a follow-up joining that work order was told so once already).
        due = f"by {reply['sla_due']}" if reply["sla_due"] else "as soon as possible"
        lines.append(
            f"A specialist ({reply['group']}) will get back to you {due}, "
            f"ticket {reply['work_order']}"
        )
    return lines


def rate_conversation(client, conversation, line):
    """Handles ``/rate N [comment]``."""
    parts = line.split(maxsplit=2)
    if len(parts) < 2 or not parts[1].isdecimal():
        say("usage: /rate N [comment], N from 1 to 5")
        return
    params = {"conversation": conversation, "score": int(parts[1])}
    if len(parts) == 3:
        params["comment"] = parts[2]
    client.call("feedback.rate", params)
    say(f"Thank you! You rated this conversation {parts[1]}/5.")


def customer_session(client, conversation, channel, customer):
    """Chats as a customer until ``/quit`` or end of input."""
    say(f"Conversation {conversation}. /rate N rates the conversation, /quit ends it.")
    for line in read_lines("you> "):
        if line == "/quit":
            break
        try:
            if line.startswith("/rate"):
                rate_conversation(client, conversation, line)
                continue
            if line.startswith("/"):
                say("commands: /rate N [comment], /quit")
                continue
            params = {"conversation": conversation, "text": line, "channel": channel}
            if customer:
                params["customer"] = customer
            reply = client.call("message", params)
        except RPCError as error:
            say(f"error: {error.message}")
            continue
        for text in describe_reply(reply):
            say(text)


# ------------------------------------------------------------------------------------------
# Agent mode
# ------------------------------------------------------------------------------------------

AGENT_HELP = """\
  list [STATUS]     unresolved work orders, or those in STATUS (open, assigned, responded, resolved)
  show WO-…         a work order and its conversation
  take WO-…         assign it to yourself
  reply WO-… TEXT   answer the customer
  resolve WO-…      close it (after a reply)
  reopen WO-…       open it again
  report            a few figures
  quit"""


def summary(work_order):
    """One line for a work order."""
    text = work_order["text"]
    if len(text) > 48:
        text = text[:47] + "…"
    return (
        f"{work_order['id']}  {work_order['status']:<9}  {work_order['group']:<10}  "
        f"{work_order['priority']:<6}  due {work_order['sla_due'] or '-'}  "
        f"agent {work_order['agent'] or '-'}  {text}"
    )


def list_work_orders(client, group, status):
    """``list``: unresolved work orders (or those in ``status``), most urgent first."""
    params = {}
    if group:
        params["group"] = group
    if status:
        params["status"] = status
    work_orders = client.call("work_order.list", params)["work_orders"]
    if not status:
        work_orders = [w for w in work_orders if w["status"] != "resolved"]
    if not work_orders:
        say("No work orders.")
    for work_order in work_orders:
        say(summary(work_order))


def describe_turn(turn):
    """One line of a conversation: who said what, when (``work_order.get``'s ``turns``)."""
    speaker = turn["agent"] if turn["from"] == "agent" else turn["from"]
    if turn["from"] == "bot" and turn.get("options"):
        text = "Did you mean " + "  ".join(
            f"{number}. {option['question']}" for number, option in enumerate(turn["options"], 1)
        )
    else:
        text = turn["text"] if turn["text"] is not None else "-"
    line = f"  {speaker} at {turn['at']}: {text}"
    if turn["from"] == "customer":
        # What the bot did with the message: answered, joined the work order, picked option 2…
        line += f"  [{turn.get('handling') or turn.get('decision') or '-'}]"
    return line


def show_work_order(client, work_order_id):
    """``show WO-…``: the work order and its conversation: the customer's messages, the bot's
    replies and the agents' replies, in order."""
    work_order = client.call("work_order.get", {"work_order": work_order_id})
    say(summary(work_order))
    say(
        f"  conversation {work_order['conversation']}, channel {work_order['channel']}, "
        f"routed by {work_order['routing_reason']}, created {work_order['created']}"
    )
    for turn in work_order["turns"]:
        say(describe_turn(turn))


def change_work_order(client, agent, command, work_order_id, text):
    """``take``, ``reply``, ``resolve`` and ``reopen``: prints the new status."""
    target = {"work_order": work_order_id}
    if command == "take":
        work_order = client.call("work_order.assign", {**target, "agent": agent})
    elif command == "reply":
        if not text:
            say("usage: reply WO-… TEXT")
            return
        work_order = client.call("agent.reply", {**target, "agent": agent, "text": text})
    elif command == "resolve":
        work_order = client.call("work_order.resolve", target)
    else:
        work_order = client.call("work_order.reopen", target)
    say(f"{work_order['id']} is now {work_order['status']} (agent {work_order['agent'] or '-'})")


def show_report(client):
    """``report``: a few figures of ``responder report``."""
    report = client.call("report")
    rate = report["automation_rate"]
    first = report["human_first_response_min"]["p50"]
    csat = report["csat"]
    every = report["response_min"]["mean"]
    say(
        f"messages {report['messages']}: automated {report['automated']}, "
        f"clarified {report['clarified']}, escalated {report['escalated']}, "
        f"joined {report['joined']}"
    )
    say(
        f"automation rate {'-' if rate is None else format(rate, '.0%')}, "
        f"awaiting a first response {report['awaiting_first_response']}, "
        f"awaiting a response {report['awaiting_response']}"
    )
    say(
        f"human first response p50 {'-' if first is None else f'{first} min'}, "
        f"every response mean {'-' if every is None else f'{every} min'}, "
        f"CSAT {'-' if csat['mean'] is None else csat['mean']} "
        f"({csat['count']} rating{'' if csat['count'] == 1 else 's'})"
    )


def agent_command(client, agent, group, line):
    """Runs one agent command; returns False for ``quit``."""
    command, _, rest = line.partition(" ")
    rest = rest.strip()
    if command == "quit":
        return False
    if command == "list":
        list_work_orders(client, group, rest or None)
    elif command == "report":
        show_report(client)
    elif command == "show" and rest:
        show_work_order(client, rest)
    elif command in ("take", "reply", "resolve", "reopen") and rest:
        work_order_id, _, text = rest.partition(" ")
        change_work_order(client, agent, command, work_order_id, text.strip())
    else:
        say(AGENT_HELP)
    return True


def agent_session(client, agent, group):
    """Works the queue as ``agent`` until ``quit`` or end of input."""
    say(f"Agent {agent}. Commands:\n{AGENT_HELP}")
    list_work_orders(client, group, None)
    for line in read_lines(f"{agent}> "):
        try:
            if not agent_command(client, agent, group, line):
                break
        except RPCError as error:
            say(f"error: {error.message}")


# ------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------


def parse_arguments(argv):
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Chat with Responder as a customer, or work its queue as an agent."
    )
    parser.add_argument(
        "--responder",
        metavar="PATH",
        help="the responder binary (default: $RESPONDER_BIN, else responder on PATH)",
    )
    parser.add_argument("--kb", metavar="DIR", help="knowledge-base folder, for responder serve")
    parser.add_argument("--db", metavar="PATH", help="SQLite store, for responder serve")
    parser.add_argument("--agent", metavar="NAME", help="work the queue as this agent")
    parser.add_argument("--group", help="agent mode: only this group's work orders")
    parser.add_argument("--conversation", help="customer mode: conversation id (default: new)")
    parser.add_argument("--customer", help="customer mode: the customer's id")
    parser.add_argument("--channel", default="chat", help="customer mode: channel (chat)")
    parser.add_argument(
        "--log-level", default="warning", help="the server's log level on stderr (warning)"
    )
    return parser.parse_args(argv)


def server_command(arguments):
    """The command that starts the server, or None when no binary can be found."""
    binary = arguments.responder or os.environ.get("RESPONDER_BIN") or shutil.which("responder")
    if not binary:
        return None
    command = [binary, "serve", "--log-level", arguments.log_level]
    if arguments.kb:
        command += ["--kb", arguments.kb]
    if arguments.db:
        command += ["--db", arguments.db]
    return command


def main(argv=None):
    """Runs one session; returns the exit status (0, or 1 when the server failed)."""
    arguments = parse_arguments(argv)
    command = server_command(arguments)
    if command is None:
        print("error: no responder: pass --responder PATH or set RESPONDER_BIN", file=sys.stderr)
        return 2
    try:
        client = ResponderClient(command)
    except OSError as error:
        print(f"error: cannot start {command[0]}: {error}", file=sys.stderr)
        return 2
    with client:
        try:
            server = client.call("initialize")
            base = server["knowledge_base"]
            say(
                f"Connected to {server['name']} {server['version']} (knowledge base "
                f"{base['version'][:12]}, {base['entries']} entries)."
            )
            if arguments.agent:
                agent_session(client, arguments.agent, arguments.group)
            else:
                conversation = arguments.conversation or f"chat-{uuid.uuid4().hex[:12]}"
                customer_session(client, conversation, arguments.channel, arguments.customer)
        except (ServerGone, RPCError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print()
    status = client.process.returncode
    if status:
        print(f"error: responder serve exited with status {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
