/**
 * The named stages a run is made of, one class per stage, each recording its time and metrics in news.runs through
 * a {@link io.newstopics.job.stages.RunContext}: {@link io.newstopics.job.NewsTopicsJob} composes all of them in
 * order, {@link io.newstopics.job.ScoreJob} the ones up to the stored articles and the entities, with a saved model's
 * transforms instead of the fits. The logic of each concern stays in its own package (ingest, text, features,
 * topics, themes, concepts, links, tables); a stage wires it to the run's configuration, caches and tables.
 */
package io.newstopics.job.stages;
