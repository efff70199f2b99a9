namespace PluginBot.Plugins.Chat.Features;

/// <summary>
/// A chat's model and system prompt apply to everyone in it, so in a group only its administrators and bot admins
/// change them (<c>IConversationRoles.MayChangeForEveryoneAsync</c>); anyone sets their own with <c>--mine</c>, which
/// applies wherever a chat has not chosen one.
/// </summary>
internal static class ChatWideSettings
{
    public const string Mine = "mine";

    public static string Refusal(string what, string ownCommand) =>
        $"Only an admin of this group (or of the bot) can change its {what}. To set your own, used in chats that have not chosen one, send {ownCommand}.";
}
