using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

public sealed class ManifestRulesTests
{
    private static PluginManifest Manifest(string hostApi = HostApiVersion.Current) =>
        new("weather", "Weather", "1.0.0", hostApi, [], "Weather.dll", "");

    [Fact]
    public void This_host_runs_host_api_2_1()
    {
        Assert.Equal("2.1", HostApiVersion.Current);
        Assert.Equal(new Version(2, 1, 0, 0), typeof(IPlugin).Assembly.GetName().Version);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.5")]
    public void A_plugin_built_for_host_api_1_is_told_to_rebuild_against_sdk_2(string hostApi)
    {
        Assert.Equal($"built for host API {hostApi}; this host runs 2.1: rebuild it against PluginBot.Abstractions 2.x.", ManifestReader.CheckHostApi(hostApi));
    }

    [Theory]
    [InlineData("2.2")]
    [InlineData("3.0")]
    public void A_plugin_built_for_a_newer_host_api_is_told_to_update_the_host(string hostApi)
    {
        Assert.Contains("update PluginBot", ManifestReader.CheckHostApi(hostApi), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_built_for_2_0_or_2_1_is_accepted()
    {
        Assert.Null(ManifestReader.CheckHostApi("2.0"));
        Assert.Null(ManifestReader.CheckHostApi("2.1"));
    }

    [Fact]
    public void Environment_names_and_dependencies_are_checked_with_every_problem_named()
    {
        var manifest = Manifest() with
        {
            Dependencies = ["costs"],
            OptionalDependencies = ["costs", "Bad Id"],
            Environment = new Dictionary<string, string> { ["weather_key"] = "ApiKey", ["WEATHER_URL"] = "" },
        };

        var problem = ManifestReader.Validate(manifest);

        Assert.NotNull(problem);
        Assert.Contains("environment name 'weather_key' must be upper-case letters, digits and _", problem, StringComparison.Ordinal);
        Assert.Contains("environment name 'WEATHER_URL' must map to a key of the plugin's section", problem, StringComparison.Ordinal);
        Assert.Contains("dependency 'Bad Id' must be a plugin id", problem, StringComparison.Ordinal);
        Assert.Contains("'costs' is listed in both dependencies and optionalDependencies", problem, StringComparison.Ordinal);
    }
}
