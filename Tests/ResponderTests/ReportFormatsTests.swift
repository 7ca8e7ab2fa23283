import Foundation
import Testing

/// `responder report` in every format over a month of generated traffic with known answers
/// (`scripts/generate-traffic`: volumes, times, ratings, test traffic, a duplicate, a bad day).
@Suite(.serialized) final class ReportFormatsTests {
    static let python = ExampleClientTests.python
    /// Chromium, for looking at the page as a browser draws it.
    static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for name in ["chromium", "chromium-browser"] {
            for folder in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static let awkward = "=SUM(A1) \"quoted\", <script>alert(1)</script>\nsecond line"
    let folder: URL
    let db: String
    let kb = ResponderProcess.bundledKnowledgeBase
    /// What the generator made: days, messages, bad_day, work_orders.
    var expected: [String: Any] = [:]

    init() throws {
        folder = try ResponderProcess.temporaryDirectory()
        db = folder.appendingPathComponent("month.sqlite").path
        guard let python = Self.python else { return }
        let generated = try ResponderProcess.run(
            program: python,
            [ResponderProcess.packageRoot.appendingPathComponent("scripts/generate-traffic").path, "--db", db],
            environment: [
                "RESPONDER_BIN": ResponderProcess.executable.path, "RESPONDER_CACHE_DIR": ResponderProcess.scratchCache,
            ])
        #expect(generated.status == 0, "\(generated.stderr)")
        expected = try generated.json()
        // One more message that a spreadsheet or a page could misread: quotes, a comma, a line
        // break, markup and a formula.
        let awkward = try ResponderProcess.run([
            "ask", Self.awkward, "--conversation", "awkward-1", "--at", "2026-11-20T10:00:00+08:00", "--kb", kb,
            "--db", db,
        ])
        #expect(awkward.status == 0, "\(awkward.stderr)")
        expected["messages"] = (expected["messages"] as? Int ?? 0) + 1
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private var month: [String] { ["--kb", kb, "--db", db, "--from", "2026-11-01", "--to", "2026-11-30"] }

    /// Rows of a CSV file as Python's csv module reads them.
    private func csvRows(_ path: String) throws -> [[String]] {
        let script =
            "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
        let output = try ResponderProcess.run(program: try #require(Self.python), ["-c", script, path])
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String]])
    }

    @Test(.enabled(if: python != nil, "python3 is not on PATH"))
    func csvHasOneRowPerMessageInTheTemplateAndRoundTrips() throws {
        let file = folder.appendingPathComponent("month.csv").path
        let run = try ResponderProcess.run(["report", "--format", "csv", "--out", file] + month)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try csvRows(file)
        #expect(
            rows.first == [
                "date", "channel", "first_response_min", "responder", "csat", "problem_type", "group", "work_order",
                "decision", "remark",
            ])
        #expect(rows.count - 1 == expected["messages"] as? Int, "every message once, no test traffic")
        let body = rows.dropFirst()
        #expect(body.allSatisfy { $0.count == 10 })
        #expect(body.allSatisfy { $0[0].hasPrefix("2026-11-") })
        #expect(body.contains { $0[3] == "bot" } && body.contains { $0[3].hasPrefix("agent ") })
        #expect(body.contains { $0[9].contains { $0.unicodeScalars.first!.value > 0x4E00 } }, "Chinese remarks survive")
        #expect(body.filter { !$0[7].isEmpty }.count >= (expected["work_orders"] as? Int ?? 0))
        #expect(body.contains { $0[9] == "'" + Self.awkward }, "quoted whole, and made inert as a formula")

        // The whole store: the duplicate message (sent twice with one id) is one row.
        let whole = folder.appendingPathComponent("all.csv").path
        let all = try ResponderProcess.run(["report", "--format", "csv", "--out", whole, "--kb", kb, "--db", db])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try csvRows(whole).count - 1 == (expected["messages"] as? Int ?? 0) + 1)

        let daily = folder.appendingPathComponent("daily.csv").path
        _ = try ResponderProcess.run(["report", "--format", "csv", "--by", "day", "--out", daily] + month)
        let days = try csvRows(daily)
        #expect(days.count - 1 == 30)
        #expect(days.dropFirst().map { Int($0[1]) ?? 0 }.reduce(0, +) == expected["messages"] as? Int)
        #expect(days.first { $0[0] == expected["bad_day"] as? String }?.last == "yes", "the bad day is marked")
    }

    @Test(.enabled(if: python != nil, "python3 is not on PATH"))
    func jsonAndTextCarryTheTrendAndTheAnomaly() throws {
        let json = try ResponderProcess.run(["report", "--format", "json"] + month).json()
        #expect(json["messages"] as? Int == expected["messages"] as? Int)
        let points = try #require((json["trend"] as? [String: Any])?["points"] as? [[String: Any]])
        #expect(points.count == 30)
        #expect(points.map { $0["messages"] as? Int ?? 0 }.reduce(0, +) == expected["messages"] as? Int)
        let anomalies = try #require((json["anomalies"] as? [String: Any])?["days"] as? [[String: Any]])
        let badDay = try #require(expected["bad_day"] as? String)
        #expect(anomalies.contains { ($0["start"] as? String)?.hasPrefix(badDay) == true })
        #expect(anomalies.count <= 2, "ordinary days are not anomalies: \(anomalies)")
        let figures = try #require(json["key_figures"] as? [[String: Any]])
        #expect(figures.map { $0["name"] as? String ?? "" }.contains("automation_rate"))
        let breakdowns = try #require(json["breakdowns"] as? [String: Any])
        #expect(Set(breakdowns.keys) == ["channel", "group", "problem_type", "agent"])
        #expect((json["cases"] as? [String: Any])?["longest_waits"] as? [Any] != nil)

        let text = try ResponderProcess.run(["report"] + month)
        #expect(text.stdout.contains("trend by day"))
        #expect(text.stdout.contains(where: { "▁▂▃▄▅▆▇█".contains($0) }), "sparklines")
        #expect(text.stdout.contains("anomalous \(badDay)"))
        #expect(text.stderr.isEmpty, "no progress on a pipe")
    }

    /// "Mean human first response 10% lower within 30 days": the baseline is measured over the
    /// 30 days before the effort began, as a report of that window computes it; a given baseline
    /// is taken as is.
    @Test(.enabled(if: python != nil, "python3 is not on PATH"))
    func improvementTargetsAreMeasuredFromTheDaysBeforeThem() throws {
        let base = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kb), to: base)
        let settings = base.appendingPathComponent("settings.yaml")
        var text = try String(contentsOf: settings, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  automation_rate: 0.6\n  human_first_response_mean: 30m\n",
            with: """
                  automation_rate: {improve: 20%, from: 2026-11-01, within: 30d, baseline: 0.5}
                  human_first_response_mean:
                    improve: 10%
                    from: 2026-11-16
                    within: 30d

                """)
        try text.write(to: settings, atomically: true, encoding: .utf8)
        let window = try ResponderProcess.run(
            ["report", "--format", "json", "--kb", base.path, "--db", db, "--from", "2026-10-17", "--to", "2026-11-15"]
        ).json()
        let baseline = try #require(
            (window["human_first_response_min"] as? [String: Any])?["mean"] as? Double, "the window has escalations")

        let json = try ResponderProcess.run(
            ["report", "--format", "json", "--kb", base.path, "--db", db, "--from", "2026-11-16", "--to", "2026-11-30"]
        ).json()
        let figures = try #require(json["key_figures"] as? [[String: Any]])
        let human = try #require(figures.first { $0["name"] as? String == "human_first_response_mean_min" })
        let plan = try #require(human["target_plan"] as? [String: Any])
        // The window's report prints its mean to 2 places, the plan to 4.
        #expect(abs((plan["baseline"] as? Double ?? 0) - baseline) < 0.01)
        #expect(abs((human["target"] as? Double ?? 0) - (plan["baseline"] as? Double ?? 0) * 0.9) < 1e-3)
        #expect((plan["baseline_from"] as? String)?.hasPrefix("2026-10-17") == true)
        #expect((plan["deadline"] as? String)?.hasPrefix("2026-12-16") == true)
        let value = try #require(human["value"] as? Double)
        let status = try #require(human["target_status"] as? String)
        if value <= baseline * 0.9 {
            #expect(status == "met")
        } else {
            #expect(status == "missed" || status.hasSuffix("left"), "\(status)")
        }

        let automation = try #require(figures.first { $0["name"] as? String == "automation_rate" })
        #expect(abs((automation["target"] as? Double ?? 0) - 0.6) < 1e-9, "20% above the given 0.5")
        #expect((automation["target_plan"] as? [String: Any])?["baseline_from"] is NSNull)

        let page = folder.appendingPathComponent("targets.html")
        _ = try ResponderProcess.run(
            [
                "report", "--format", "html", "--out", page.path, "--kb", base.path, "--db", db, "--from", "2026-11-16",
                "--to", "2026-11-30",
            ])
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("10% below"))
        #expect(html.contains("by 2026-12-15"), "the last day of the 30")
        #expect(html.contains("2026-10-17 to 2026-11-15"), "where the baseline was measured")
    }

    @Test(.enabled(if: python != nil, "python3 is not on PATH"))
    func theHTMLPageIsSelfContained() throws {
        let file = folder.appendingPathComponent("month.html")
        let run = try ResponderProcess.run(["report", "--format", "html", "--out", file.path] + month)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: file, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(
            !page.contains("http://") && !page.contains("https://") && !page.contains("<script"),
            "no network, no script")
        #expect(page.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4, "four charts")
        #expect(page.contains(expected["bad_day"] as? String ?? "-"), "the bad day is listed")
        #expect(page.contains("Fast but unsatisfied") && page.contains("Escalations that waited longest"))
        #expect(page.contains("agent 1") && !page.contains(">alice<"), "agents pseudonymised")

    }

    /// Counts of the pixels of each of `colours` (`RRGGBB`) in a PNG, decoded by Python's zlib.
    private func pixelCounts(_ png: URL, _ colours: [String]) throws -> [String: Int] {
        let script = """
            import json, struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            pos, chunks, width, height, kind = 8, b'', 0, 0, 0
            while pos < len(data):
                length, name = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + length]
                if name == b'IHDR': width, height, kind = struct.unpack('>II', body[:8]) + (body[9],)
                if name == b'IDAT': chunks += body
                pos += 12 + length
            channels = {2: 3, 6: 4}[kind]
            raw, stride, rows, previous = zlib.decompress(chunks), width * channels, [], bytearray(width * channels)
            for y in range(height):
                filter, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                for x in range(stride):
                    a = line[x - channels] if x >= channels else 0
                    b, c = previous[x], previous[x - channels] if x >= channels else 0
                    if filter == 1: line[x] = (line[x] + a) & 255
                    elif filter == 2: line[x] = (line[x] + b) & 255
                    elif filter == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif filter == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                rows.append(line); previous = line
            wanted = {bytes.fromhex(colour): colour for colour in sys.argv[2:]}
            counts = {colour: 0 for colour in sys.argv[2:]}
            for line in rows:
                for x in range(0, stride, channels):
                    colour = wanted.get(bytes(line[x:x + 3]))
                    if colour: counts[colour] += 1
            print(json.dumps(counts))
            """
        let output = try ResponderProcess.run(program: try #require(Self.python), ["-c", script, png.path] + colours)
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Int])
    }

    @Test(
        .enabled(if: python != nil, "python3 is not on PATH"),
        .enabled(if: chromium != nil, "chromium is not installed here (scripts/install-deps installs it)"))
    func aBrowserDrawsTheCharts() throws {
        let file = folder.appendingPathComponent("month.html")
        let run = try ResponderProcess.run(["report", "--format", "html", "--out", file.path] + month)
        #expect(run.status == 0, "\(run.stderr)")
        let screenshot = folder.appendingPathComponent("month.png")
        let browser = try ResponderProcess.run(
            program: try #require(Self.chromium),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1600",
                "--screenshot=\(screenshot.path)", file.absoluteString,
            ], environment: ["HOME": folder.path], timeout: 90)
        #expect(browser.status == 0, "\(browser.stderr)")
        // The trend's bars (answered green, escalated purple) and the response line (red) are drawn.
        let counts = try pixelCounts(screenshot, ["2e9e5b", "b04fb0", "c0392b"])
        #expect(counts["2e9e5b", default: 0] > 2000, "answered bars: \(counts)")
        #expect(counts["b04fb0", default: 0] > 500, "escalated bars: \(counts)")
        #expect(counts["c0392b", default: 0] > 100, "the human first-response line: \(counts)")
    }
}
