using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PluginBot.TestKit.Fakes;

/// <summary>
/// Ollama's native API: <c>POST /api/chat</c> (NDJSON stream unless <c>"stream": false</c>), <c>GET /api/tags</c>,
/// <c>GET /api/version</c>. A chat for a model not in <see cref="Models"/> gets Ollama's 404.
/// </summary>
public sealed class FakeOllamaServer : ScriptedFakeServer
{
    /// <summary>Pulled models; a name without a tag means <c>:latest</c>, as in Ollama.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["llama3.2:latest"];

    public string Version { get; set; } = "0.12.6";

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/chat", ChatAsync);
        routes.MapGet("/api/tags", context => WriteJsonAsync(context, 200, OllamaPayloads.Tags(Models.Select(WithTag), Clock.GetUtcNow())));
        routes.MapGet("/api/version", context => WriteJsonAsync(context, 200, new JsonObject { ["version"] = Version }));
    }

    private async Task ChatAsync(HttpContext context)
    {
        var call = await RecordCallAsync(context);
        if (call is null)
        {
            await WriteErrorAsync(context, new FakeError(400, "bad_request", "invalid character 'x' looking for beginning of value"));
            return;
        }

        var model = call.Model;
        if (string.IsNullOrEmpty(model))
        {
            await WriteErrorAsync(context, new FakeError(400, "bad_request", "model is required"));
            return;
        }

        if (!Models.Select(WithTag).Contains(WithTag(model), StringComparer.Ordinal))
        {
            await WriteErrorAsync(context, OllamaErrors.ModelNotFound(model));
            return;
        }

        var reply = NextReply();
        if (reply.Hang)
        {
            await HangAsync(context);
            return;
        }

        if (reply.Error is { } error)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        var now = Clock.GetUtcNow();
        if (!call.Stream(whenAbsent: true))
        {
            await WriteJsonAsync(context, 200, OllamaPayloads.Whole(model, now, reply));
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        var lines = OllamaPayloads.StreamLines(model, now, reply);
        await SendFramesAsync(context, reply, lines, OllamaPayloads.Malformed(reply.Malformed ?? MalformedFrame.NonJsonData));
    }

    private static string WithTag(string name) => name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";

    private static async Task WriteErrorAsync(HttpContext context, FakeError error)
    {
        SetRetryAfter(context, error);
        await WriteJsonAsync(context, error.Status, OllamaPayloads.Error(error), "application/json; charset=utf-8");
    }
}
