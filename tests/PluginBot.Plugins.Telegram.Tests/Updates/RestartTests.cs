using System.Text.Json;
using Microsoft.Data.Sqlite;
using PluginBot.TestKit;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

public sealed class RestartTests : IDisposable
{
    private const long User = HostFixture.UserId;
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-restart-").FullName;

    private string Database => Path.Combine(_folder, "bot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_a_restart_polling_resumes_after_the_last_update_so_nothing_is_replayed_or_lost()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var first = new StandaloneBot(fake, Database);
        await first.InitializeAsync();
        fake.SendCommand(User, User, "whoami");
        await first.RepliesAsync(User, 1);
        await first.DisposeAsync();

        fake.SendCommand(User, User, "whoami");
        var callsBefore = fake.Requests.Count(r => r.Path.EndsWith("/getUpdates", StringComparison.OrdinalIgnoreCase));
        var second = new StandaloneBot(fake, Database);
        await second.InitializeAsync();
        try
        {
            await second.RepliesAsync(User, 2);
            await second.AllHandledAsync();

            Assert.Equal(2, fake.SentMessages(User).Count);
            var firstPoll = fake.Requests.Where(r => r.Path.EndsWith("/getUpdates", StringComparison.OrdinalIgnoreCase)).Skip(callsBefore).First();
            Assert.Contains("\"offset\":", firstPoll.Body, StringComparison.Ordinal);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_database_failure_at_start_delays_the_bot_but_does_not_leave_it_deaf()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var first = new StandaloneBot(fake, Database);
        await first.InitializeAsync();
        await first.DisposeAsync();
        await ExecuteAsync("ALTER TABLE telegram_inbox RENAME TO telegram_inbox_away");

        var second = new StandaloneBot(fake, Database);
        await second.InitializeAsync();
        try
        {
            fake.SendCommand(User, User, "whoami");
            await Eventually.UntilAsync(() => second.Logs.Lines.Any(l => l.Contains("could not read the update inbox", StringComparison.Ordinal)));
            Assert.Empty(fake.SentMessages(User));

            await ExecuteAsync("ALTER TABLE telegram_inbox_away RENAME TO telegram_inbox");

            var replies = await second.RepliesAsync(User, 1);
            Assert.Equal("You are 2 on telegram, an allowed user.", replies[0].Text);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_update_received_but_not_handled_before_a_crash_is_handled_at_the_next_start()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var first = new StandaloneBot(fake, Database);
        await first.InitializeAsync();
        await first.DisposeAsync();
        fake.SendText(User, User, "hi"); // the fake now knows the private chat
        var crashed = new Update
        {
            Id = 987_654,
            Message = new Message
            {
                Id = 5,
                Text = "/whoami",
                Date = DateTime.UtcNow,
                Chat = new Chat { Id = User, Type = ChatType.Private },
                From = new User { Id = User, FirstName = "Ada" },
                Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = 7 }],
            },
        };
        await ExecuteAsync(
            "INSERT INTO telegram_inbox (UpdateId, Json, ReceivedAtUtc) VALUES ($id, $json, $at)",
            ("$id", crashed.Id),
            ("$json", JsonSerializer.Serialize(crashed, JsonBotAPI.Options)),
            ("$at", DateTime.UtcNow));

        var second = new StandaloneBot(fake, Database);
        await second.InitializeAsync();
        try
        {
            var replies = await second.RepliesAsync(User, 1);
            Assert.Equal("You are 2 on telegram, an allowed user.", replies[0].Text);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
