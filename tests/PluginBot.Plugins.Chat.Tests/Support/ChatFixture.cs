using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Support;

/// <summary>
/// The real host with the chat and llm-gateway plugins from the plugins folder, the gateway pointed at a fake
/// OpenAI-compatible server, and a recording transport with live replies. The router tries twice, milliseconds
/// apart: a failure test sets the fake's default reply to the error. Set <see cref="DatabasePath"/> to start a
/// second host on the first one's data.
/// </summary>
public sealed class ChatFixture() : GatewayHostFixture("sk-chat-tests-123", "gpt-test", "smart-model", "other-model")
{
    /// <summary>Small enough that a test can cross it with a few messages.</summary>
    public const int HistoryTokenBudget = 1000;

    public LiveTransport Transport { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Chat:HistoryTokenBudget"] = HistoryTokenBudget.ToString(CultureInfo.InvariantCulture),
        ["Models:Aliases:smart"] = "gateway:smart-model",
        ["Models:Aliases:ghost"] = "gateway:retired-model",
        ["Models:Retry:MaxAttempts"] = "2",
        ["Models:Retry:BaseDelayMs"] = "5",
        ["Models:Retry:MaxDelayMs"] = "20",
        ["Models:FirstTokenTimeoutSeconds"] = "5",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IMessengerTransport>(Transport);
        services.AddSingleton<IConversationRoleTransport>(Transport);
    }
}

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ChatFixture>
{
    public const string Name = "chat";
}
