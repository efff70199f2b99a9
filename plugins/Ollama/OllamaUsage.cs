using Microsoft.Extensions.AI;
using OllamaSharp.Models.Chat;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// Ollama reports tokens on its last chunk: <c>prompt_eval_count</c> (input) and <c>eval_count</c> (output).
/// Fills <see cref="UsageDetails"/> from them when the client library left it empty.
/// </summary>
internal static class OllamaUsage
{
    public static UsageDetails? From(object? rawRepresentation) =>
        rawRepresentation is ChatDoneResponseStream done
            ? new UsageDetails
            {
                InputTokenCount = done.PromptEvalCount,
                OutputTokenCount = done.EvalCount,
                TotalTokenCount = (long)done.PromptEvalCount + done.EvalCount,
            }
            : null;

    public static void Fill(ChatResponse response)
    {
        if (response.Usage is null or { InputTokenCount: null, OutputTokenCount: null })
        {
            response.Usage = From(response.RawRepresentation) ?? response.Usage;
        }
    }

    /// <summary>Adds a <see cref="UsageContent"/> to the last chunk when none came with it.</summary>
    public static void Fill(ChatResponseUpdate update)
    {
        if (update.Contents.OfType<UsageContent>().Any())
        {
            return;
        }

        if (From(update.RawRepresentation) is { } usage)
        {
            update.Contents.Add(new UsageContent(usage));
        }
    }
}
