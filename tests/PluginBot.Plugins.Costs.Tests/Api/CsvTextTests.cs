using PluginBot.Plugins.Costs.Api;

namespace PluginBot.Plugins.Costs.Tests.Api;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Fields_a_spreadsheet_would_run_as_formulas_are_defused(string value, string field) => Assert.Equal(field, CsvText.Field(value));

    [Theory]
    [InlineData("gateway:gpt-4o", "gateway:gpt-4o")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Ordinary_fields_are_kept_and_quoted_only_when_needed(string? value, string field) => Assert.Equal(field, CsvText.Field(value));
}
