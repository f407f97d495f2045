using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>Simulator:DeploymentSpeed is checked at start-up, naming its key.</summary>
public sealed class DeploymentSettingsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_SpeedNotAPositiveNumber_FailsNamingTheKey(double speed)
    {
        var result = new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { DeploymentSpeed = speed });

        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:DeploymentSpeed must be a number greater than 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FractionalSpeed_Accepted()
    {
        Assert.Equal(ValidateOptionsResult.Success, new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { DeploymentSpeed = 0.5 }));
    }
}
