using Microsoft.Data.Sqlite;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

/// <summary>
/// A crash after an update was handled but before it was marked handled: at the next start the inbox hands the same
/// update over again. The update id is the command's idempotency key, so a <c>/task</c> queues one task and shows one card.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private const long User = HostFixture.UserId;
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-redelivery-").FullName;

    private string Database => Path.Combine(_folder, "bot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_task_command_handled_again_after_a_crash_queues_no_second_task_and_sends_no_second_card()
    {
        await using var telegram = await StandaloneBot.StartFakeAsync();
        await using var gateway = new FakeOpenAiServer { ApiKey = "sk-redelivery", Models = ["gpt-test"] };
        await gateway.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Plugins:LlmGateway:Enabled"] = "true",
            ["Plugins:LlmGateway:Url"] = new Uri(gateway.BaseAddress, "/v1").ToString(),
            ["Plugins:LlmGateway:Token"] = "sk-redelivery",
            ["Plugins:LlmGateway:DefaultModel"] = "gpt-test",
            ["Models:Provider"] = "gateway",
            ["Models:Retry:MaxAttempts"] = "1",
            ["Plugins:Costs:Prices:0:Model"] = "gpt-test",
            ["Plugins:Costs:Prices:0:InputPerMillion"] = "1",
            ["Plugins:Costs:Prices:0:OutputPerMillion"] = "2",
        };

        var first = new StandaloneBot(telegram, Database, settings);
        await first.InitializeAsync();
        long updateId;
        try
        {
            telegram.SendCommand(User, User, "task", "write a haiku about queues");
            await Eventually.UntilAsync(async () => Equals(await ScalarAsync("SELECT COUNT(*) FROM tasks_tasks WHERE Status = 'Completed' AND CardMessageId IS NOT NULL"), 1L));
            updateId = (long)(await ScalarAsync("SELECT MAX(UpdateId) FROM telegram_inbox WHERE HandledAtUtc IS NOT NULL"))!;
        }
        finally
        {
            await first.DisposeAsync();
        }

        // What a crash before the mark leaves: the update back in the inbox, not handled.
        await ExecuteAsync(
            "UPDATE telegram_inbox SET HandledAtUtc = NULL, Json = $json WHERE UpdateId = $id",
            ("$json", telegram.UpdateJson(updateId)),
            ("$id", updateId));

        var second = new StandaloneBot(telegram, Database, settings);
        await second.InitializeAsync();
        try
        {
            await Eventually.UntilAsync(async () => Equals(await ScalarAsync($"SELECT COUNT(*) FROM telegram_inbox WHERE UpdateId = {updateId} AND HandledAtUtc IS NOT NULL"), 1L));
            // Updates of one chat are handled in order: the answer to this one comes after the redelivered /task.
            telegram.SendCommand(User, User, "whoami");
            await Eventually.UntilAsync(() => telegram.SentMessages(User).Any(m => m.Text.StartsWith("You are", StringComparison.Ordinal)));

            Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM tasks_tasks"));
            Assert.Equal($"telegram:{telegram.Bot.Id}:{updateId}", await ScalarAsync("SELECT IdempotencyKey FROM tasks_tasks"));
            // Besides the answer to /whoami and the completion notice (at least once: it may repeat after a restart), one card.
            var card = Assert.Single(telegram.SentMessages(User), m => !m.Text.StartsWith("You are", StringComparison.Ordinal) && !m.Text.StartsWith('✅'));
            Assert.Equal(await ScalarAsync("SELECT CardMessageId FROM tasks_tasks"), card.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
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
