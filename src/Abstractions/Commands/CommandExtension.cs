using MediatR;

namespace PluginBot.Abstractions.Commands;

/// <summary>
/// Another plugin's variant of a command: when the line carries <see cref="Trigger"/>, the command accepts
/// <see cref="Flags"/> as well and <see cref="Bind"/> builds the request instead of the command's own. This is how
/// <c>/task --cron …</c> becomes a schedule without the Tasks plugin knowing the scheduler. Register with
/// <c>services.AddCommandExtension(extension)</c>; <c>/help</c> shows its usage under the command. Since host API 2.1.
/// </summary>
/// <param name="Command">The extended command's name, without the slash.</param>
/// <param name="Trigger">The flag (without dashes) that selects this variant; it must be one of <see cref="Flags"/>.</param>
/// <param name="Usage">The variant's argument syntax, e.g. <c>--cron EXPR &lt;prompt&gt;</c>.</param>
/// <param name="Flags">Flags the variant accepts, besides the command's own.</param>
/// <param name="Bind">Turns the parsed line into the variant's request (see <see cref="CommandDescriptor.Bind"/>).</param>
public sealed record CommandExtension(
    string Command,
    string Trigger,
    string Usage,
    IReadOnlyList<FlagSpec> Flags,
    Func<CommandArguments, CommandContext, IBaseRequest> Bind);
