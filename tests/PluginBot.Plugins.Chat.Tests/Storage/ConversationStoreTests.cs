using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Tests.Storage;

/// <summary>The store on a real SQLite file, with the queries it runs recorded.</summary>
public sealed class ConversationStoreTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chat-store-{Guid.NewGuid():N}.db");
    private readonly MessageQueries _queries = new();
    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_history_of_a_long_conversation_is_read_newest_first_only_as_far_as_the_budget_needs()
    {
        await using var db = Open();
        var store = new ConversationStore(db, new FakeTimeProvider());
        var conversation = await store.OpenAsync(new ConversationKey("test", "1", null, 1), CancellationToken.None);
        var all = new List<MessageRow>();
        for (var i = 0; i < 5_000; i++)
        {
            var row = new MessageRow { ConversationId = conversation.Id, Role = i % 2 == 0 ? MessageRow.User : MessageRow.Assistant, Text = $"message {i} " + new string('x', 40) };
            db.Messages.Add(row);
            all.Add(row);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        _queries.Texts.Clear();

        var recent = await store.RecentAsync(conversation.Id, tokenBudget: 100, CancellationToken.None);

        // Pages of the newest rows, never the whole conversation.
        Assert.InRange(recent.Count, 1, 100);
        Assert.NotEmpty(_queries.Texts);
        Assert.All(_queries.Texts, sql => Assert.Contains("LIMIT", sql, StringComparison.Ordinal));
        Assert.Equal(
            HistoryWindow.Select(all, 100).Select(m => m.Text),
            HistoryWindow.Select(recent, 100).Select(m => m.Text));
        Assert.Equal(all[^recent.Count..].Select(m => m.Text), recent.Select(m => m.Text));
    }

    [Fact]
    public async Task A_short_conversation_is_read_whole_in_order()
    {
        await using var db = Open();
        var store = new ConversationStore(db, new FakeTimeProvider());
        var conversation = await store.OpenAsync(new ConversationKey("test", "1", null, 1), CancellationToken.None);
        foreach (var text in new[] { "q1", "a1", "q2" })
        {
            await store.AppendAsync(conversation.Id, text[0] == 'q' ? MessageRow.User : MessageRow.Assistant, text, CancellationToken.None);
        }

        var recent = await store.RecentAsync(conversation.Id, tokenBudget: 10_000, CancellationToken.None);

        Assert.Equal(["q1", "a1", "q2"], recent.Select(m => m.Text));
    }

    private ChatDbContext Open() =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(_queries).Options);

    /// <summary>Keeps the text of every query that reads messages.</summary>
    private sealed class MessageQueries : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("chat_messages", StringComparison.Ordinal))
            {
                Texts.Add(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }
    }
}
