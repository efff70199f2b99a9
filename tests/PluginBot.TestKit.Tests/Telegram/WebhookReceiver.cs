using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>A bot's webhook endpoint on loopback: answers 200 unless told otherwise, and reads posts as Telegram.Bot does.</summary>
internal sealed class WebhookReceiver : FakeServer
{
    private readonly ConcurrentQueue<int> _answers = new();

    public string Url => new Uri(BaseAddress, "hook").ToString();

    public static async Task<WebhookReceiver> ListenAsync(params int[] answers)
    {
        var receiver = new WebhookReceiver();
        foreach (var answer in answers)
        {
            receiver._answers.Enqueue(answer);
        }

        await receiver.StartAsync();
        return receiver;
    }

    /// <summary>The posted bodies, failed attempts included, deserialized into Telegram.Bot updates.</summary>
    public IReadOnlyList<Update> Posted =>
        [.. Requests.Where(r => r.Path == "/hook").Select(r => JsonSerializer.Deserialize<Update>(r.Body, JsonBotAPI.Options)!)];

    public IReadOnlyList<RecordedRequest> Posts => [.. Requests.Where(r => r.Path == "/hook")];

    /// <summary>The status of posts once the scripted answers are used up.</summary>
    public int AlwaysAnswer { get; set; } = 200;

    protected override void Map(IEndpointRouteBuilder routes) => routes.MapPost("/hook", context =>
    {
        context.Response.StatusCode = _answers.TryDequeue(out var answer) ? answer : AlwaysAnswer;
        return Task.CompletedTask;
    });
}
