using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PluginBot.TestKit.Fakes;

/// <summary>
/// The Anthropic Messages API: <c>POST /v1/messages</c>, JSON or SSE events. Requests must carry
/// <c>anthropic-version</c>, and the key when <see cref="ApiKey"/> is set. Point a client at <see cref="FakeServer.BaseAddress"/>.
/// </summary>
public sealed class FakeAnthropicServer : ScriptedFakeServer
{
    public string? ApiKey { get; set; }

    protected override void Map(IEndpointRouteBuilder routes) => routes.MapPost("/v1/messages", CreateMessageAsync);

    private async Task CreateMessageAsync(HttpContext context)
    {
        var requestId = NewId("req_");
        context.Response.Headers["request-id"] = requestId;
        if (!Authorized(context.Request.Headers))
        {
            await WriteErrorAsync(context, AnthropicErrors.Authentication(), requestId);
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Headers["anthropic-version"].ToString()))
        {
            await WriteErrorAsync(context, AnthropicErrors.InvalidRequest("anthropic-version: header is required"), requestId);
            return;
        }

        var call = await RecordCallAsync(context);
        var missing = call is null ? "body: invalid JSON"
            : call.Model is null ? "model: Field required"
            : call.MaxTokens is null ? "max_tokens: Field required"
            : call.Property("messages") is null ? "messages: Field required"
            : null;
        if (call is null || missing is not null)
        {
            await WriteErrorAsync(context, AnthropicErrors.InvalidRequest(missing!), requestId);
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
            await WriteErrorAsync(context, error, requestId);
            return;
        }

        var id = NewId("msg_");
        if (!call.Stream())
        {
            await WriteJsonAsync(context, 200, AnthropicPayloads.Message(id, call.Model!, reply));
            return;
        }

        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        var events = AnthropicPayloads.StreamEvents(id, call.Model!, reply);
        await SendFramesAsync(context, reply, events, AnthropicPayloads.Malformed(reply.Malformed ?? MalformedFrame.NonJsonData));
    }

    /// <summary>The key counts in <c>x-api-key</c> or as <c>Authorization: Bearer</c> (the official C# SDK 13 sends the latter).</summary>
    private bool Authorized(IHeaderDictionary headers) =>
        ApiKey is null
        || headers["x-api-key"].ToString() == ApiKey
        || headers.Authorization.ToString() == $"Bearer {ApiKey}";

    private static async Task WriteErrorAsync(HttpContext context, FakeError error, string requestId)
    {
        SetRetryAfter(context, error);
        await WriteJsonAsync(context, error.Status, AnthropicPayloads.Error(error, requestId));
    }
}
