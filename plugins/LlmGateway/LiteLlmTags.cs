using System.Globalization;
using System.Text;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Builds LiteLLM's <c>x-litellm-tags</c> value from a call context, so that LiteLLM's spend log can be
/// reconciled with the bot's own ledger: <c>pluginbot,purpose:chat,task:42,project:site,user:7</c>.
/// </summary>
internal static class LiteLlmTags
{
    public const string Header = "x-litellm-tags";

    public static string From(LlmCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tags = new List<string> { "pluginbot", $"purpose:{Clean(context.Purpose)}" };
        if (context.TaskId is { Length: > 0 } task)
        {
            tags.Add($"task:{Clean(task)}");
        }

        if (context.Project is { Length: > 0 } project)
        {
            tags.Add($"project:{Clean(project)}");
        }

        var user = context.Actor.Kind == ActorKind.System ? "system" : context.Actor.Id.ToString(CultureInfo.InvariantCulture);
        tags.Add($"user:{user}");
        return string.Join(',', tags);
    }

    /// <summary>Header values are ASCII and commas separate tags: anything else becomes '_'.</summary>
    private static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            builder.Append(c is > ' ' and < (char)127 and not ',' ? c : '_');
        }

        return builder.ToString();
    }
}
