using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PluginBot.TestKit;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>
/// Anthropic's models listing (<c>GET /v1/models</c>, one page), which the shared Anthropic fake does not serve.
/// </summary>
internal sealed class AnthropicModelsServer : FakeServer
{
    public IReadOnlyList<string> Models { get; init; } = [];

    protected override void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models", (HttpContext context) =>
    {
        var data = Models.Select(id => (JsonNode)new JsonObject
        {
            ["type"] = "model",
            ["id"] = id,
            ["display_name"] = id,
            ["created_at"] = "2025-09-29T00:00:00Z",
        });
        var page = new JsonObject
        {
            ["data"] = new JsonArray([.. data]),
            ["has_more"] = false,
            ["first_id"] = Models.Count > 0 ? Models[0] : null,
            ["last_id"] = Models.Count > 0 ? Models[^1] : null,
        };
        return Results.Content(page.ToJsonString(), "application/json");
    });
}
