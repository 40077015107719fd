-- The built-in sales forecast's registry format was named after its first method (holt_winters); its artifact holds any
-- fitted forecast model (robust trend + season since, Holt-Winters still readable), so the format is now `forecast`.
ALTER TABLE ml_model_metadata DROP CONSTRAINT ml_model_metadata_model_format_check;
UPDATE ml_model_metadata SET model_format = 'forecast' WHERE model_format = 'holt_winters';
ALTER TABLE ml_model_metadata ADD CONSTRAINT ml_model_metadata_model_format_check
    CHECK (model_format IN ('onnx', 'forecast', 'item_similarity', 'isolation_forest'));
