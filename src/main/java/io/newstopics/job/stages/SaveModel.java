package io.newstopics.job.stages;

import io.newstopics.job.SavedModel;

/**
 * Stage save_model: the fitted model under {@code <warehouse>/models/<run_id>} ({@link SavedModel}), for
 * {@code score}; its path becomes the run's parameter model_path.
 */
public final class SaveModel {
  private SaveModel() {}

  /** Saves the model; returns its path. */
  public static String run(RunContext ctx, AnalyseText.Analysed text, FitFeatures.Features features,
                           FitTopics.Topics topics, FitThemes.Themes themes) {
    String runId = ctx.run().runId();
    String modelPath = ctx.run().stage("save_model", () -> new SavedModel(runId, ctx.cfg(), text.boilerplate(),
        text.lemmaMerges(), features.fitted().counts(), features.fitted().idf(), features.languageWeights(),
        topics.model(), features.vocabulary(), themes.topicThemes(), themes.model())
        .save(ctx.spark(), ctx.warehouse()));
    ctx.run().parameter(SavedModel.MODEL_PATH, modelPath);
    return modelPath;
  }
}
