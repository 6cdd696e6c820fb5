using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MusicCluster.Experiments.Tests.Explorer;

/// <summary>Debian's chromium, headless, driven over the DevTools protocol through one page's WebSocket.</summary>
/// <remarks>Console errors, uncaught exceptions and error log entries of the page are collected in <see cref="Errors"/>.
/// No browser is downloaded: a missing chromium fails the test with the command that installs it.</remarks>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _reader;
    private int _nextId;

    /// <summary>Messages of console errors, exceptions and error log entries since the last navigation.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeadlessChromium(int width = 1280, int height = 800)
    {
        string exe = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium (.ci/run installs it)");
        _profile = Path.Combine(Path.GetTempPath(), "mc-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_profile);
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                     $"--user-data-dir={_profile}", "--remote-debugging-port=0", $"--window-size={width},{height}", "about:blank" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        try
        {
            int port = WaitForPort();
            string ws = PageSocket(port);
            _socket.ConnectAsync(new Uri(ws), _stop.Token).Wait(TimeSpan.FromSeconds(20));
            _reader = Task.Run(ReadLoop);
            Send("Runtime.enable");
            Send("Log.enable");
            Send("Page.enable");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private int WaitForPort()
    {
        // Chromium writes the port it chose for --remote-debugging-port=0 into the profile folder.
        string file = Path.Combine(_profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"chromium exited with code {_process.ExitCode} before it opened the DevTools port");
            if (File.Exists(file))
            {
                var lines = File.ReadAllLines(file);
                if (lines.Length >= 1 && int.TryParse(lines[0], out int port)) return port;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException("chromium did not open its DevTools port within 30 s");
    }

    private static string PageSocket(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var list = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").Result)!.AsArray();
            var page = list.FirstOrDefault(t => (string?)t!["type"] == "page");
            if (page is not null) return (string)page["webSocketDebuggerUrl"]!;
            Thread.Sleep(50);
        }
        throw new TimeoutException("chromium has no page target");
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = doc.RootElement.Clone();
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var tcs)) tcs.SetResult(root);
                else if (root.TryGetProperty("method", out var method)) OnEvent(method.GetString()!, root.GetProperty("params"));
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        foreach (var p in _pending.Values) p.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    private void OnEvent(string method, JsonElement p)
    {
        switch (method)
        {
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue("console: " + string.Join(" ", p.GetProperty("args").EnumerateArray().Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.GetRawText())));
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p.GetProperty("exceptionDetails").GetRawText());
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue("log: " + p.GetProperty("entry").GetProperty("text").GetString());
                break;
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
        }
    }

    /// <summary>Sends one command and waits for its result; a protocol error throws.</summary>
    public JsonElement Send(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        lock (_socket) _socket.SendAsync(bytes, WebSocketMessageType.Text, true, _stop.Token).Wait();
        if (!tcs.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException($"no answer to {method} within 30 s");
        var reply = tcs.Task.Result;
        if (reply.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error.GetRawText()}");
        return reply.GetProperty("result");
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event.</summary>
    public void Navigate(string url)
    {
        while (Errors.TryDequeue(out _)) { }
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Send("Page.navigate", new { url });
        if (!_loaded.Task.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"{url} did not finish loading within 60 s");
    }

    /// <summary>Evaluates a JavaScript expression in the page (promises awaited) and returns its value as JSON.</summary>
    public JsonElement Evaluate(string expression)
    {
        var r = Send("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (r.TryGetProperty("exceptionDetails", out var e)) throw new InvalidOperationException($"{expression}: {e.GetRawText()}");
        var result = r.GetProperty("result");
        return result.TryGetProperty("value", out var v) ? v : default;
    }

    /// <summary>Waits for the next two animation frames (a redraw requested now has happened).</summary>
    public void NextFrames() => Evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");

    /// <summary>A synthetic mouse event at page coordinates (CSS pixels).</summary>
    public void Mouse(string type, double x, double y, string button = "none", int clickCount = 0) =>
        Send("Input.dispatchMouseEvent", new { type, x, y, button, clickCount, buttons = type == "mousePressed" ? 1 : 0 });

    /// <summary>A PNG of the viewport.</summary>
    public byte[] Screenshot() => Convert.FromBase64String(Send("Page.captureScreenshot", new { format = "png" }).GetProperty("data").GetString()!);

    public void Dispose()
    {
        _stop.Cancel();
        try { _reader?.Wait(2000); } catch (AggregateException) { }
        try { _socket.Dispose(); } catch (ObjectDisposedException) { }
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
