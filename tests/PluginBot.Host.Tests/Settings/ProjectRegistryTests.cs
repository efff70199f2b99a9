using Microsoft.Extensions.Configuration;
using PluginBot.Host.Settings;

namespace PluginBot.Host.Tests.Settings;

public sealed class ProjectRegistryTests
{
    private static (ProjectRegistry Registry, IReadOnlyList<string> Errors) Load(params (string Key, string Value)[] values) =>
        ProjectRegistry.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Projects_are_read_with_their_paths_and_found_by_name_ignoring_case()
    {
        var (registry, errors) = Load(("Projects:0:Name", "website"), ("Projects:0:Path", "/srv/website"), ("Projects:1:Name", "backend"));
        Assert.Empty(errors);
        Assert.Equal(["website", "backend"], registry.All.Select(p => p.Name));
        Assert.Equal("/srv/website", registry.Find("WEBSITE")!.Path);
        Assert.Null(registry.Find("backend")!.Path);
        Assert.Null(registry.Find("nope"));
    }

    [Fact]
    public void A_duplicate_or_malformed_name_is_an_error_naming_the_setting()
    {
        var (_, errors) = Load(("Projects:0:Name", "web"), ("Projects:1:Name", "WEB"), ("Projects:2:Name", "my project"));
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Projects:1:Name = 'WEB' is used twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Projects:2:Name = 'my project' is not a project name", StringComparison.Ordinal));
    }
}
