using System.Globalization;
using PluginBot.Abstractions.Commands;

namespace PluginBot.Host.Identity;

internal static class UserIdArgument
{
    public static long Parse(CommandArguments args)
    {
        var raw = args.Required(0, "a Telegram user id, e.g. /" + args.Command + " 12345678");
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CommandSyntaxException($"'{raw}' is not a Telegram user id: use the number the user's refusal message showed, e.g. /{args.Command} 12345678.");
    }
}
