using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Chat.Storage;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Support;

/// <summary>
/// Drives the chat plugin as a transport would, through <see cref="ICommandDispatcher"/>, each test in its own chat
/// on a fresh database. Answers run in the background: helpers wait for the live reply to complete.
/// </summary>
[Collection(ChatCollection.Name)]
public abstract class ChatTest(ChatFixture fixture) : HostTest<ChatFixture>(fixture)
{
    /// <summary>A chat no other test uses, so a slow answer left from another test cannot interfere.</summary>
    protected ConversationReference Chat { get; } = NewChat();

    protected FakeOpenAiServer Gateway => Host.Gateway;

    protected LiveTransport Transport => Host.Transport;

    protected ICommandDispatcher Dispatcher => Host.Services.GetRequiredService<ICommandDispatcher>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway.DefaultReply = new FakeReply();
    }

    protected static ConversationReference NewChat(string? thread = null) => new(LiveTransport.TransportName, $"chat-{Guid.NewGuid():N}", thread);

    protected CommandContext Context(Actor? actor = null, ConversationReference? chat = null) => new(actor ?? HostFixture.User, chat ?? Chat);

    protected Task<Reply> SayAsync(string text, Actor? actor = null, ConversationReference? chat = null) =>
        Dispatcher.HandleTextAsync(text, Context(actor, chat));

    protected Task<Reply> CommandAsync(string line, Actor? actor = null, ConversationReference? chat = null) =>
        Dispatcher.DispatchAsync(line, Context(actor, chat));

    protected Task<Reply> PressAsync(string token, Actor? actor = null, ConversationReference? chat = null) =>
        Dispatcher.PressAsync(token, Context(actor, chat));

    /// <summary>Sends a message and waits for its answer to complete.</summary>
    protected async Task<RecordedLiveReply> AskAsync(string text, Actor? actor = null, ConversationReference? chat = null)
    {
        var before = Transport.In(chat ?? Chat).Count;
        Assert.True((await SayAsync(text, actor, chat)).IsNone);
        return await AnswerAsync(before, chat);
    }

    /// <summary>Waits for the live reply number <paramref name="index"/> (from 0) of a chat to complete.</summary>
    protected async Task<RecordedLiveReply> AnswerAsync(int index, ConversationReference? chat = null)
    {
        var live = await StartedAsync(index, chat);
        await Eventually.UntilAsync(() => live.IsComplete);
        return live;
    }

    /// <summary>Waits for the live reply number <paramref name="index"/> of a chat to open.</summary>
    protected async Task<RecordedLiveReply> StartedAsync(int index, ConversationReference? chat = null)
    {
        await Eventually.UntilAsync(() => Transport.In(chat ?? Chat).Count > index);
        return Transport.In(chat ?? Chat)[index];
    }

    /// <summary>The role and text of each message a generation call sent.</summary>
    protected static IReadOnlyList<(string Role, string Text)> MessagesOf(RecordedCall call) =>
        [.. call.Messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, TextOf(m.GetProperty("content"))))];

    /// <summary>The generation call whose last message is <paramref name="question"/>.</summary>
    protected RecordedCall CallFor(string question) => Gateway.Calls.Last(c => MessagesOf(c)[^1].Text == question);

    /// <summary>A context of the test's own copy of the plugin, on the database file the host uses now.</summary>
    private protected ChatDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseSqlite($"Data Source={Host.CurrentDatabasePath}").Options);

    protected async Task<IReadOnlyList<(string Role, string Text)>> StoredAsync(ConversationReference? chat = null, long userId = HostFixture.UserId)
    {
        var where = chat ?? Chat;
        await using var db = OpenDatabase();
        var ids = db.Conversations.Where(c => c.ChatId == where.ChatId && c.UserId == userId).Select(c => c.Id);
        return [.. (await db.Messages.Where(m => ids.Contains(m.ConversationId)).OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Role, m.Text))];
    }

    private static string TextOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}
