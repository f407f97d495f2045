using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Tests.Pipelines;

/// <summary>Simulator:PipelineSpeed is checked at start-up, naming its key.</summary>
public sealed class PipelineSettingsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_SpeedNotAPositiveNumber_FailsNamingTheKey(double speed)
    {
        var result = new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { PipelineSpeed = speed });

        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:PipelineSpeed must be a number greater than 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FastSpeed_Accepted()
    {
        Assert.Equal(ValidateOptionsResult.Success, new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { PipelineSpeed = 60 }));
    }
}
