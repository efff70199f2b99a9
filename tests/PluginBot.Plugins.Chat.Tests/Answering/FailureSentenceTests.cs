using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Chat.Answering;

namespace PluginBot.Plugins.Chat.Tests.Answering;

public sealed class FailureSentenceTests
{
    [Fact]
    public void A_rate_limit_with_a_short_retry_after_says_when_to_try_again()
    {
        var failure = new LlmFailure(LlmFailureKind.RateLimited, "gateway is rate limiting", TimeSpan.FromSeconds(20));

        Assert.Equal(
            "The model is not answering right now (rate limited); try again in 20 seconds.",
            FailureSentence.For(new LlmCallFailedException(failure, "gateway", "gpt-test")));
    }

    [Fact]
    public void A_configuration_problem_keeps_the_providers_sentence_that_names_the_setting()
    {
        var failure = new LlmFailure(LlmFailureKind.Authentication, "gateway rejected the token: check LLM_GATEWAY_TOKEN.");

        Assert.Equal("Gateway rejected the token: check LLM_GATEWAY_TOKEN.", FailureSentence.For(new LlmCallFailedException(failure, "gateway", "gpt-test")));
    }

    [Fact]
    public void A_budget_refusal_is_shown_as_the_budget_says_it()
    {
        var refusal = new BudgetExceededException("Your daily budget of $1.00 is spent; it resets at midnight UTC.", "user/day", Usd.FromDollars(1), Usd.FromDollars(1));

        Assert.Equal(refusal.Message, FailureSentence.For(refusal));
    }

    [Fact]
    public void An_unexpected_exception_has_no_sentence_so_it_is_logged_as_a_bug()
    {
        Assert.Null(FailureSentence.For(new InvalidOperationException("boom")));
    }
}
