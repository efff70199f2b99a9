using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class PriceReloadTests : IDisposable
{
    private readonly PriceSandbox _sandbox = new();

    [Fact]
    public void A_string_where_a_price_belongs_keeps_the_previous_prices_and_names_the_line()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        Assert.Equal(0.000001m, InputRate());

        File.WriteAllText(_sandbox.PricePath, """
            {
              "house-model": {
                "output_cost_per_token": 2e-06,
                "input_cost_per_token": "abc"
              }
            }
            """);
        _sandbox.Catalog.Reload();

        var error = $"{_sandbox.PricePath} line 4: \"input_cost_per_token\" of \"house-model\" must be a number, not \"abc\"";
        Assert.Equal(error, _sandbox.Catalog.PriceFileError);
        Assert.Equal([error], _sandbox.Catalog.Problems);
        Assert.Equal(0.000001m, InputRate());
    }

    [Fact]
    public void Invalid_json_and_negative_prices_keep_the_previous_prices_too()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        _ = _sandbox.Catalog;

        File.WriteAllText(_sandbox.PricePath, "{\n  \"house-model\": {\n    \"input_cost_per_token\": 5e-06,\n");
        _sandbox.Catalog.Reload();
        Assert.StartsWith($"{_sandbox.PricePath} line 4: not valid JSON", _sandbox.Catalog.PriceFileError, StringComparison.Ordinal);
        Assert.Equal(0.000001m, InputRate());

        File.WriteAllText(_sandbox.PricePath, "{\n  \"house-model\": {\n    \"input_cost_per_token\": -5e-06\n  }\n}");
        _sandbox.Catalog.Reload();
        Assert.Equal($"{_sandbox.PricePath} line 3: \"input_cost_per_token\" of \"house-model\" must not be negative (-5e-06)", _sandbox.Catalog.PriceFileError);
        Assert.Equal(0.000001m, InputRate());
    }

    [Fact]
    public void A_repaired_file_loads_and_clears_the_error()
    {
        _sandbox.WritePriceFile("{ \"house-model\": { \"input_cost_per_token\": \"abc\" } }");
        Assert.NotNull(_sandbox.Catalog.PriceFileError);
        Assert.False(_sandbox.Catalog.Find("gateway", "openai", "house-model", false).IsPriced);

        File.WriteAllText(_sandbox.PricePath, PriceSandbox.Entry("house-model", 4, 8));
        _sandbox.Catalog.Reload();

        Assert.Null(_sandbox.Catalog.PriceFileError);
        Assert.Empty(_sandbox.Catalog.Problems);
        Assert.Equal(0.000004m, InputRate());
    }

    [Fact]
    public void A_missing_file_is_a_problem_and_the_built_in_prices_still_apply()
    {
        _sandbox.Set("PriceFile", Path.Combine(Path.GetDirectoryName(_sandbox.PricePath)!, "absent.json"));

        var problem = Assert.Single(_sandbox.Catalog.Problems);

        Assert.Contains("absent.json: no such file (Plugins:Costs:PriceFile is ", problem, StringComparison.Ordinal);
        Assert.True(_sandbox.Catalog.Find("gateway", "openai", "gpt-4o", false).IsPriced);
    }

    [Fact]
    public void A_change_is_read_once_it_has_held_for_one_check()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        Assert.False(_sandbox.Catalog.ReloadIfFileChanged());

        File.WriteAllText(_sandbox.PricePath, PriceSandbox.Entry("house-model", 10, 20));

        Assert.False(_sandbox.Catalog.ReloadIfFileChanged());
        Assert.Equal(0.000001m, InputRate());
        Assert.True(_sandbox.Catalog.ReloadIfFileChanged());
        Assert.Equal(0.00001m, InputRate());
        Assert.False(_sandbox.Catalog.ReloadIfFileChanged());
    }

    [Fact]
    public void Removing_the_setting_drops_the_file_prices()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        Assert.True(_sandbox.Catalog.Find("gateway", "openai", "house-model", false).IsPriced);

        _sandbox.Set("PriceFile", "");
        _sandbox.Catalog.Reload();

        Assert.False(_sandbox.Catalog.Find("gateway", "openai", "house-model", false).IsPriced);
        Assert.Null(_sandbox.Catalog.Status.PriceFile);
    }

    [Fact]
    public void The_status_counts_each_layer()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        _sandbox.Set("Prices:0:Model", "gpt-4o");
        _sandbox.Set("Prices:0:InputPerMillion", "1");
        _sandbox.Set("Prices:0:OutputPerMillion", "2");

        var status = _sandbox.Catalog.Status;

        Assert.Equal(_sandbox.PricePath, status.PriceFile);
        Assert.Equal(1, status.PriceFileModels);
        Assert.NotNull(status.PriceFileLoadedAt);
        Assert.Equal(1, status.ConfiguredPrices);
        Assert.True(status.DefaultModels > 50);
        Assert.Empty(status.Problems);
    }

    public void Dispose() => _sandbox.Dispose();

    private decimal InputRate() => _sandbox.Catalog.Find("gateway", "openai", "house-model", isLocal: false).Price!.Rates.Input;
}
