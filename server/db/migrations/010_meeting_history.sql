-- A 片区's joint meetings (and their agenda) are the history of the body that held them: when a
-- plan dissolves the 片区 they stay under its code, whose name and shape pianqu_version keeps,
-- instead of passing to a successor that held its own meeting that month. So the meeting no
-- longer needs its 片区 to be a current area.
ALTER TABLE pianqu_meeting DROP CONSTRAINT pianqu_meeting_pianqu_code_fkey;
