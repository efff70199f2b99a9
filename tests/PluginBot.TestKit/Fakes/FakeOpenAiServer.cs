using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PluginBot.TestKit.Fakes;

/// <summary>
/// An OpenAI-compatible gateway (OpenAI, LiteLLM, vLLM): <c>POST /v1/chat/completions</c>, JSON or SSE, and
/// <c>GET /v1/models</c>. Point a client at <c>new Uri(fake.BaseAddress, "/v1")</c>.
/// </summary>
public sealed class FakeOpenAiServer : ScriptedFakeServer
{
    /// <summary>When set, requests must carry <c>Authorization: Bearer {ApiKey}</c> or get 401 invalid_api_key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model ids listed by <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["gpt-4o-mini"];

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/chat/completions", CompleteAsync);
        routes.MapGet("/v1/models", ListModelsAsync);
    }

    private async Task ListModelsAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context))
        {
            return;
        }

        var created = Clock.GetUtcNow().ToUnixTimeSeconds();
        var data = Models.Select(id => (JsonNode)new JsonObject
        {
            ["id"] = id,
            ["object"] = "model",
            ["created"] = created,
            ["owned_by"] = "organization-owner",
        });
        await WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = new JsonArray(data.ToArray()) });
    }

    private async Task CompleteAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context))
        {
            return;
        }

        var call = await RecordCallAsync(context);
        if (call is null)
        {
            await WriteErrorAsync(context, OpenAiErrors.InvalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)"));
            return;
        }

        if (call.Property("messages") is null)
        {
            await WriteErrorAsync(context, OpenAiErrors.InvalidRequest("Missing required parameter: 'messages'.", "messages"));
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

        var id = NewId("chatcmpl-");
        var created = Clock.GetUtcNow().ToUnixTimeSeconds();
        var model = call.Model ?? "";
        context.Response.Headers["x-request-id"] = NewId("req_");
        if (!call.Stream())
        {
            if (reply.Cost is { } cost)
            {
                context.Response.Headers["x-litellm-response-cost"] = cost.ToString(CultureInfo.InvariantCulture);
            }

            if (reply.Malformed is { } malformed)
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(OpenAiPayloads.Malformed(malformed), context.RequestAborted);
                return;
            }

            await WriteJsonAsync(context, 200, OpenAiPayloads.Completion(id, created, model, reply));
            return;
        }

        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        var frames = OpenAiPayloads.StreamFrames(id, created, model, reply, call.IncludeUsage);
        await SendFramesAsync(context, reply, frames, OpenAiPayloads.Malformed(reply.Malformed ?? MalformedFrame.NonJsonData));
    }

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        if (ApiKey is null || context.Request.Headers.Authorization.ToString() == $"Bearer {ApiKey}")
        {
            return true;
        }

        await WriteErrorAsync(context, OpenAiErrors.InvalidApiKey());
        return false;
    }

    private static async Task WriteErrorAsync(HttpContext context, FakeError error)
    {
        SetRetryAfter(context, error);
        await WriteJsonAsync(context, error.Status, OpenAiPayloads.Error(error));
    }
}
