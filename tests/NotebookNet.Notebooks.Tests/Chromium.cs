using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Debian's headless Chromium, for opening an exported page as a reader would. Installed by
/// <c>scripts/setup-browser.sh</c> (which CI runs); a test never installs it, and fails when it is missing.
/// </summary>
internal static partial class Chromium
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "/usr/bin/chromium"];

    public static string Executable()
    {
        string? configured = Environment.GetEnvironmentVariable("NOTEBOOKNET_CHROMIUM");
        foreach (string candidate in configured is { Length: > 0 } ? [configured] : Candidates)
        {
            if (Path.IsPathRooted(candidate)) { if (File.Exists(candidate)) return candidate; continue; }
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                string path = Path.Combine(dir, candidate);
                if (File.Exists(path)) return path;
            }
        }
        Assert.Fail("Chromium is not installed: run `bash scripts/setup-browser.sh` (as root; .ci/run does) " +
                    "or set NOTEBOOKNET_CHROMIUM to a Chromium binary. The browser test checks that exported notebooks render offline.");
        return "";
    }

    /// <summary>What <see cref="Open"/> found in the page and in the browser's network log.</summary>
    public sealed record PageCheck(JsonElement Report, IReadOnlyList<string> NetworkRequests, string Dom);

    /// <summary>
    /// Opens a copy of <paramref name="htmlPath"/> with <paramref name="checkScript"/> appended (it must write its JSON
    /// report into <c>&lt;pre id="nn-check"&gt;</c>), lets the page run (virtual time), and returns the report and every
    /// http(s)/ws(s) request the page started. Host names resolve nowhere, so even a faulty page sends nothing out.
    /// </summary>
    public static PageCheck Open(string htmlPath, string checkScript, string workDirectory)
    {
        string probe = Path.Combine(workDirectory, "probe-" + Path.GetFileName(htmlPath));
        string html = File.ReadAllText(htmlPath);
        int end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        File.WriteAllText(probe, html[..end] + "<script>\n" + checkScript + "\n</script>\n" + html[end..]);

        string profile = Directory.CreateTempSubdirectory("notebooknet-chromium-").FullName;
        string netLog = Path.Combine(workDirectory, "net-log-" + Path.GetFileNameWithoutExtension(htmlPath) + ".json");
        try
        {
            var start = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--disable-domain-reliability", "--no-default-browser-check",
                "--no-pings", "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--log-net-log=" + netLog,
                "--virtual-time-budget=15000", "--window-size=1280,2000", "--dump-dom",
                new Uri(probe).AbsoluteUri,
            }) start.ArgumentList.Add(arg);

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish within 90 s on {probe}.");
            }
            string dom = stdout.Result;
            var match = CheckElement().Match(dom);
            Assert.True(match.Success, $"The check script wrote no report (exit {process.ExitCode}). stderr:\n{Tail(stderr.Result)}\nDOM:\n{Tail(dom)}");
            using var report = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
            return new PageCheck(report.RootElement.Clone(), PageRequests(netLog), dom);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Network requests in the net log that a page started (the browser's own housekeeping, which has no initiating
    /// origin, is left out; it cannot resolve any host either).
    /// </summary>
    private static List<string> PageRequests(string netLog)
    {
        Assert.True(File.Exists(netLog), $"Chromium wrote no net log at {netLog}.");
        using var log = ParseNetLog(File.ReadAllText(netLog));
        var types = log.RootElement.GetProperty("constants").GetProperty("logEventTypes");
        int startJob = types.GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var requests = new List<string>();
        foreach (var e in log.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var p)) continue;
            string url = p.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
            string initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() ?? "" : "";
            if (NetworkScheme().IsMatch(url) && initiator != "not an origin") requests.Add(url);
        }
        return requests;
    }

    // A log cut short (browser killed) lacks its closing brackets.
    private static JsonDocument ParseNetLog(string text)
    {
        try { return JsonDocument.Parse(text); }
        catch (JsonException) { return JsonDocument.Parse(text.TrimEnd().TrimEnd(',') + "]}"); }
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];

    [GeneratedRegex(@"<pre id=""nn-check"">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex CheckElement();

    [GeneratedRegex(@"^(https?|wss?|ftp)://", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkScheme();
}
