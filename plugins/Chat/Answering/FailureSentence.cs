using System.Globalization;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>One friendly sentence for a failed answer; null when the failure is unexpected (a bug to log).</summary>
internal static class FailureSentence
{
    public static string? For(Exception exception) => exception switch
    {
        LlmCallFailedException failed => ForFailure(failed.Failure),
        // These messages are written for people already: which budget, or which model name is wrong.
        BudgetExceededException or ModelNotAvailableException => exception.Message,
        PluginBotException => exception.Message,
        _ => null,
    };

    private static string ForFailure(LlmFailure failure) => failure.Kind switch
    {
        LlmFailureKind.RateLimited => $"The model is not answering right now (rate limited); try again {Later(failure.RetryAfter)}.",
        LlmFailureKind.ServerError => $"The model is not answering right now (the provider has a problem); try again {Later(failure.RetryAfter)}.",
        LlmFailureKind.Timeout => "The model took too long to answer; try again in a minute.",
        LlmFailureKind.Connection => "The model service cannot be reached right now; try again in a minute.",
        LlmFailureKind.InvalidResponse => "The model's answer broke off (the provider sent something unreadable); try again.",
        // Configuration problems: the provider's sentence names the setting to fix.
        _ => Capitalised(failure.Message),
    };

    private static string Later(TimeSpan? retryAfter) => retryAfter is { TotalSeconds: > 1 and < 120 } after
        ? string.Create(CultureInfo.InvariantCulture, $"in {Math.Ceiling(after.TotalSeconds)} seconds")
        : "in a minute";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
