using Microsoft.Data.Sqlite;
using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests;

/// <summary>
/// What the running bot has done with the updates it received, read from its inbox (<c>telegram_inbox</c>): an update
/// is marked handled only after everything it made the bot send has been sent.
/// </summary>
internal static class BotInbox
{
    /// <summary>
    /// Waits until the bot has received and handled every update the fake created so far. After that the bot sends
    /// nothing more about them, so a test can assert what it did not send.
    /// </summary>
    public static async Task AllHandledAsync(FakeTelegramServer telegram, string databasePath)
    {
        var last = telegram.LastUpdateId;
        await Eventually.UntilAsync(async () => await HandledThroughAsync(databasePath, last));
    }

    private static async Task<bool> HandledThroughAsync(string databasePath, long updateId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM telegram_inbox WHERE UpdateId = $last)
               AND NOT EXISTS (SELECT 1 FROM telegram_inbox WHERE UpdateId <= $last AND HandledAtUtc IS NULL)
            """;
        command.Parameters.AddWithValue("$last", updateId);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
