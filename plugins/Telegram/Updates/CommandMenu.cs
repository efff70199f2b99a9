using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// Publishes the command menu with setMyCommands: everyone sees the user commands; each admin's private chat also
/// lists the admin commands.
/// </summary>
internal sealed partial class CommandMenu(TelegramBot bot, ICommandDispatcher commands, IUserDirectory users, ILogger<CommandMenu> logger)
{
    private readonly ILogger<CommandMenu> _logger = logger;

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var all = commands.Commands.Select(c => (c.AdminOnly, Command: new BotCommand(c.Name, Describe(c.Description)))).ToList();
        await bot.Client.SetMyCommands(all.Where(c => !c.AdminOnly).Select(c => c.Command), new BotCommandScopeDefault(), cancellationToken: cancellationToken);
        foreach (var admin in await users.GetAdminIdsAsync(cancellationToken))
        {
            try
            {
                await bot.Client.SetMyCommands(all.Select(c => c.Command), new BotCommandScopeChat { ChatId = admin }, cancellationToken: cancellationToken);
            }
            catch (ApiRequestException ex)
            {
                // Telegram knows a private chat only after the user wrote to the bot once.
                LogAdminMenuFailed(admin, ex.Message);
            }
        }
    }

    // The Bot API takes 1–256 characters.
    private static string Describe(string description) =>
        description.Length == 0 ? "—" : TextLimits.Truncate(description, 256);

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin command menu for {AdminId} is not published yet ({Reason}); it will be at the next start")]
    private partial void LogAdminMenuFailed(long adminId, string reason);
}
