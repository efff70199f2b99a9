using System.Globalization;

namespace PluginBot.Abstractions.Commands;

/// <summary>A command line split into positional words and flags (quoted strings kept whole).</summary>
/// <param name="Command">The command name, lowercase, without the slash or a <c>@botname</c> suffix.</param>
/// <param name="Positional">Words that are not flags, in order.</param>
/// <param name="Flags">Flags by name (without dashes); a bare switch maps to null.</param>
public sealed record CommandArguments(
    string Command,
    IReadOnlyList<string> Positional,
    IReadOnlyDictionary<string, string?> Flags)
{
    /// <summary>The positional words joined by single spaces (a free-text argument such as a prompt).</summary>
    public string Text => string.Join(' ', Positional);

    /// <summary>True when the flag was given.</summary>
    public bool Has(string flag) => Flags.ContainsKey(flag);

    /// <summary>The flag's value, or null when absent.</summary>
    public string? Value(string flag) => Flags.TryGetValue(flag, out var value) ? value : null;

    /// <summary>The flag's value as a decimal (invariant culture), or null when absent.</summary>
    /// <exception cref="CommandSyntaxException">The value is not a number.</exception>
    public decimal? Number(string flag)
    {
        var raw = Value(flag);
        if (raw is null)
        {
            return null;
        }

        return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandSyntaxException($"--{flag} expects a number such as 0.50, not '{raw}'.");
    }

    /// <summary>The positional word at <paramref name="index"/>, or a clear error naming <paramref name="what"/>.</summary>
    public string Required(int index, string what) =>
        index < Positional.Count ? Positional[index] : throw new CommandSyntaxException($"/{Command} needs {what}.");
}
