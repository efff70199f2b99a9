using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Budgets;

/// <summary><see cref="CostsFixture"/> with <c>Plugins:Costs:AllowUnpriced=true</c>.</summary>
public sealed class AllowUnpricedFixture : CostsFixture
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Plugins:Costs:AllowUnpriced"] = "true" };
}

[CollectionDefinition(Name)]
public sealed class AllowUnpricedCollection : ICollectionFixture<AllowUnpricedFixture>
{
    public const string Name = "costs-allow-unpriced";
}

/// <summary>Allowing unpriced models lets them run; it does not switch budgets off.</summary>
[Collection(AllowUnpricedCollection.Name)]
public sealed class UnpricedBudgetTests(AllowUnpricedFixture fixture) : HostTest<AllowUnpricedFixture>(fixture)
{
    /// <summary>What one default fake call of gpt-test costs: 12 prompt and 7 completion tokens.</summary>
    private const long CallMicros = (12 * CostsFixture.InputMicrosPerToken) + (7 * CostsFixture.OutputMicrosPerToken);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Gateway.Reset();
        Host.ResetClock();
    }

    [Fact]
    public async Task An_unpriced_model_runs_while_the_budget_is_not_spent_and_its_tokens_are_kept_unpriced()
    {
        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day 5"));

        await Host.CallAsync(HostFixture.User, model: "gateway:retired-model");

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal((CostSource.Unpriced, 0L, LedgerStatus.Settled), (row.Source, row.CostMicros, row.Status));
        Assert.Equal((12L, 7L), (row.InputTokens, row.OutputTokens));
    }

    [Fact]
    public async Task A_spent_budget_refuses_an_unpriced_model_as_it_refuses_a_priced_one()
    {
        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day {(decimal)CallMicros / 1_000_000}"));
        await Host.CallAsync(HostFixture.User);

        var priced = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User));
        var unpriced = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User, model: "gateway:retired-model"));

        Assert.Equal(priced.Message, unpriced.Message);
        Assert.StartsWith("Your daily budget is spent: $0.026 of $0.026.", unpriced.Message, StringComparison.Ordinal);
        Assert.Single(Host.Gateway.Calls);
    }
}
