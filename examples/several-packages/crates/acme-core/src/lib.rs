//! What both packages share.
