using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PluginBot.TestKit.Fakes;

/// <summary>
/// An LLM fake answering from a queue of <see cref="FakeReply"/> scripts, one per generation call; when the queue is
/// empty it answers with <see cref="DefaultReply"/>. Generation calls are recorded with their parsed JSON bodies.
/// </summary>
public abstract class ScriptedFakeServer : FakeServer
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    public FakeReply DefaultReply { get; set; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Generation calls, in arrival order.</summary>
    public IReadOnlyCollection<RecordedCall> Calls => _calls;

    public RecordedCall LastCall => _calls.LastOrDefault() ?? throw new InvalidOperationException("No generation call was received.");

    public void Enqueue(params FakeReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Forgets recorded calls and queued replies, and restores the default reply, for the next test.</summary>
    public void Reset()
    {
        _calls.Clear();
        _script.Clear();
        DefaultReply = new FakeReply();
    }

    protected FakeReply NextReply() => _script.TryDequeue(out var reply) ? reply : DefaultReply;

    /// <summary>Reads and records the JSON body; null when it is not a JSON object.</summary>
    protected async Task<RecordedCall?> RecordCallAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new RecordedCall(context.Request.Path.Value ?? "", headers, body);
        _calls.Enqueue(call);
        return call;
    }

    /// <summary>Holds the request open until the client cancels it or the fake stops.</summary>
    protected static async Task HangAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    /// <summary>
    /// Sends streamed frames with the reply's pacing and faults: a broken frame after the first one, a pause
    /// between frames, a stream held open after <see cref="FakeReply.PauseAfterFrames"/>, and an aborted
    /// connection after <see cref="FakeReply.CutAfterFrames"/>.
    /// </summary>
    protected static async Task SendFramesAsync(HttpContext context, FakeReply reply, IReadOnlyList<string> frames, byte[] malformedFrame)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(frames);
        var bytes = frames.Select(Encoding.UTF8.GetBytes).ToList();
        if (reply.Malformed is not null)
        {
            bytes.Insert(Math.Min(1, bytes.Count), malformedFrame);
        }

        var ct = context.RequestAborted;
        await context.Response.StartAsync(ct);
        for (var sent = 0; sent < bytes.Count; sent++)
        {
            if (sent == reply.PauseAfterFrames)
            {
                await HangAsync(context);
                return;
            }

            if (sent == reply.CutAfterFrames)
            {
                // Not context.Abort(): an abort drops what Kestrel has not written to the socket yet, so a busy
                // machine would lose frames already "sent". A handler that fails after the response started makes
                // Kestrel write out everything flushed, then close the connection without the body's end: the
                // client reads every frame and then the cut.
                throw new ConnectionCutException();
            }

            if (sent == reply.HoldAfterFrames && reply.HoldUntil is { } hold)
            {
                // A stopping fake lets go too, so a hold nobody released does not keep its shutdown waiting.
                var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
                await hold.WaitAsync(either.Token);
            }

            if (sent > 0 && reply.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkDelay, ct);
            }

            await context.Response.Body.WriteAsync(bytes[sent], ct);
            await context.Response.Body.FlushAsync(ct);
        }
    }

    protected static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    protected static void SetRetryAfter(HttpContext context, FakeError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (error.RetryAfterHeader is { } raw)
        {
            context.Response.Headers["retry-after"] = raw;
        }
        else if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (error.RetryAfterMsHeader is { } milliseconds)
        {
            context.Response.Headers["retry-after-ms"] = milliseconds;
        }
    }

    protected static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];
}
