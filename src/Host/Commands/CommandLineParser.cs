using System.Text;
using PluginBot.Abstractions.Commands;

namespace PluginBot.Host.Commands;

/// <summary>
/// Splits a chat command line: <c>/name[@bot] words "quoted words" --flag value --flag=value --switch</c>.
/// Phones turn <c>--</c> into an em or en dash, so <c>—flag</c> is read as <c>--flag</c>. Every error says
/// what is wrong and how to write it.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>The command name of a line, or null when the line is not a command.</summary>
    public static string? NameOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length < 2 || trimmed[0] != '/')
        {
            return null;
        }

        var end = trimmed.IndexOfAny([' ', '\n', '\t', '@']);
        return (end < 0 ? trimmed[1..] : trimmed[1..end]).ToLowerInvariant();
    }

    public static CommandArguments Parse(string line, IReadOnlyList<FlagSpec> flags)
    {
        var name = NameOf(line) ?? throw new CommandSyntaxException("A command starts with '/', e.g. /help.");
        var tokens = Tokenize(line.TrimStart());
        var positional = new List<string>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < tokens.Count; i++)
        {
            var (text, quoted) = tokens[i];
            if (quoted || !IsFlag(text, out var flagName, out var inlineValue))
            {
                positional.Add(text);
                continue;
            }

            var spec = flags.FirstOrDefault(f => string.Equals(f.Name, flagName, StringComparison.OrdinalIgnoreCase))
                ?? throw new CommandSyntaxException(flags.Count == 0
                    ? $"/{name} takes no flags, but got --{flagName}."
                    : $"/{name} has no flag --{flagName}; it accepts {string.Join(", ", flags.Select(f => "--" + f.Name))}.");
            if (values.ContainsKey(spec.Name))
            {
                throw new CommandSyntaxException($"--{spec.Name} is given twice; give it once.");
            }

            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                {
                    throw new CommandSyntaxException($"--{spec.Name} is a switch and takes no value; write just --{spec.Name}.");
                }

                values[spec.Name] = null;
                continue;
            }

            if (inlineValue is null)
            {
                if (i + 1 >= tokens.Count || (!tokens[i + 1].Quoted && IsFlag(tokens[i + 1].Text, out _, out _)))
                {
                    throw new CommandSyntaxException($"--{spec.Name} needs a value, e.g. --{spec.Name} \"...\".");
                }

                inlineValue = tokens[++i].Text;
            }

            values[spec.Name] = inlineValue;
        }

        return new CommandArguments(name, positional, values);
    }

    private static bool IsFlag(string token, out string name, out string? inlineValue)
    {
        name = "";
        inlineValue = null;
        string body;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            body = token[2..];
        }
        else if (token.Length > 1 && token[0] is '—' or '–')
        {
            body = token[1..];
        }
        else
        {
            return false;
        }

        if (body.Length == 0 || !char.IsLetter(body[0]))
        {
            return false; // "--" alone or "--5" is text
        }

        var eq = body.IndexOf('=', StringComparison.Ordinal);
        (name, inlineValue) = eq < 0 ? (body, null) : (body[..eq], body[(eq + 1)..]);
        name = name.ToLowerInvariant();
        return true;
    }

    private static List<(string Text, bool Quoted)> Tokenize(string line)
    {
        var tokens = new List<(string, bool)>();
        var current = new StringBuilder();
        var inToken = false;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add((current.ToString(), quoted));
                    current.Clear();
                    (inToken, quoted) = (false, false);
                }

                continue;
            }

            // A quote opens only where a word (or an inline flag value) starts: inside a word it is an apostrophe or
            // an inch mark ("don't", "27\"") and part of the word.
            if (IsOpeningQuote(c, out var closing) && (!inToken || IsInlineFlagValueStart(current)))
            {
                var end = line.IndexOf(closing, i + 1);
                if (end < 0)
                {
                    throw new CommandSyntaxException($"Unclosed quote {c} at position {i + 1}: add the closing {closing}.");
                }

                current.Append(line, i + 1, end - i - 1);
                // A quoted word is text even if it looks like a flag; a quoted inline value leaves its flag a flag.
                (quoted, inToken, i) = (quoted || !inToken, true, end);
                continue;
            }

            current.Append(c);
            inToken = true;
        }

        if (inToken)
        {
            tokens.Add((current.ToString(), quoted));
        }

        return tokens;
    }

    /// <summary>True right after the <c>=</c> of <c>--flag=</c>, where a quoted value may start.</summary>
    private static bool IsInlineFlagValueStart(StringBuilder word) =>
        word.Length > 0 && word[^1] == '=' && IsFlag(word.ToString(), out _, out _);

    /// <summary>Straight quotes and the curly quotes phones insert.</summary>
    private static bool IsOpeningQuote(char c, out char closing)
    {
        closing = c switch
        {
            '"' => '"',
            '\'' => '\'',
            '“' => '”',
            '«' => '»',
            _ => '\0',
        };
        return closing != '\0';
    }
}
