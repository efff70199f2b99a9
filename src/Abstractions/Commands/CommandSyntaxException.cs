using PluginBot.Abstractions.Errors;

namespace PluginBot.Abstractions.Commands;

/// <summary>A command line that cannot be parsed or bound; the message says what is wrong and how to write it.</summary>
public sealed class CommandSyntaxException(string message) : PluginBotException(message);
